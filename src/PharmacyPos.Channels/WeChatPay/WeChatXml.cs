using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PharmacyPos.Channels.WeChatPay;

/// <summary>WeChat Pay v2's flat &lt;xml&gt;&lt;field&gt;value&lt;/field&gt;…&lt;/xml&gt; messages.</summary>
public static class WeChatXml
{
    public static string Write(IReadOnlyDictionary<string, string> fields)
    {
        var sb = new StringBuilder("<xml>");
        foreach (var (k, v) in fields)
        {
            sb.Append('<').Append(k).Append('>');
            // CDATA cannot hold its own terminator; such a value is escaped as text instead.
            if (v.Contains("]]>", StringComparison.Ordinal)) sb.Append(System.Security.SecurityElement.Escape(v));
            else sb.Append("<![CDATA[").Append(v).Append("]]>");
            sb.Append("</").Append(k).Append('>');
        }
        return sb.Append("</xml>").ToString();
    }

    /// <summary>Null when the text is not a flat xml message. DTDs are refused (XXE).</summary>
    public static Dictionary<string, string>? Read(string text)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XElement.Load(reader);
            if (root.Name.LocalName != "xml") return null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var e in root.Elements()) fields[e.Name.LocalName] = e.Value;
            return fields;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
