using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Web.Logging;

/// <summary>
/// <c>Logging:Json = true</c>: one JSON object per line for a chain's log collector, with the
/// terminal on every line and each message's own fields (TradeNo, RefundNo, Method, Amount …) as
/// top-level fields, so a collector can find one payment across tills by its 交易号. The console's
/// default text stays as it is.
/// </summary>
public sealed class JsonLines(IOptions<PharmacyPos.Checkout.TerminalOptions> terminal) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "pharmacypos-json";

    public static void Use(WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("Logging:Json", false)) return;
        builder.Logging.AddConsole(o => o.FormatterName = FormatterName).AddConsoleFormatter<JsonLines, ConsoleFormatterOptions>();
    }

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, TextWriter output)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", entry.LogLevel.ToString());
            json.WriteString("category", entry.Category);
            json.WriteString("terminal", terminal.Value.TerminalId);
            json.WriteString("message", message);
            if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields)
                {
                    if (key == "{OriginalFormat}" || key is "at" or "level" or "category" or "terminal" or "message" or "exception") continue;
                    json.WritePropertyName(char.ToLowerInvariant(key[0]) + key[1..]);
                    WriteValue(json, value);
                }
            }
            if (entry.Exception is { } e) json.WriteString("exception", e.ToString());
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int or long or short or byte: json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double or float or decimal: json.WriteNumberValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
