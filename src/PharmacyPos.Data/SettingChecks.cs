using System.Globalization;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Data;

/// <summary>
/// Start-up checks of a setting's range whose message is built from the bounds it checks, so the
/// text the owner reads and the rule the POS applies cannot drift apart.
/// </summary>
public static class SettingChecks
{
    /// <param name="setting">The setting's key as written in appsettings.json, e.g. <c>MobilePayment:PollIntervalSeconds</c>.</param>
    /// <param name="meaning">What it is in the owner's words, or null when the key says enough.</param>
    public static OptionsBuilder<T> InRange<T>(this OptionsBuilder<T> builder, Func<T, double> value, double min, double max,
        string setting, string? meaning = null, string? unit = null) where T : class =>
        builder.Validate(o => value(o) >= min && value(o) <= max,
            $"设置 {Name(setting, meaning)}须在 {Bound(min, unit)}到 {Bound(max, unit)}之间。");

    /// <summary>A setting that must be more than <paramref name="above"/> (exclusive) and at most <paramref name="max"/>.</summary>
    public static OptionsBuilder<T> AboveAndAtMost<T>(this OptionsBuilder<T> builder, Func<T, double> value, double above, double max,
        string setting, string? meaning = null, string? unit = null) where T : class =>
        builder.Validate(o => value(o) > above && value(o) <= max,
            $"设置 {Name(setting, meaning)}须大于 {Bound(above, unit)}且不超过 {Bound(max, unit).TrimEnd()}。");

    // Chinese spacing: a space between a number or Latin key and Chinese text, none before （ or after ）.
    private static string Name(string setting, string? meaning) => meaning is null ? $"{setting} " : $"{setting}（{meaning}）";

    private static string Bound(double n, string? unit) =>
        $"{n.ToString("#,0.##", CultureInfo.InvariantCulture)} {unit}";
}
