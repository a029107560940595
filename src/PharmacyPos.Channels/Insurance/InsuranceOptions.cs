namespace PharmacyPos.Channels.Insurance;

public sealed class InsuranceOptions
{
    public const string Section = "Channels:Insurance";

    public string BaseUrl { get; set; } = "";

    /// <summary>Differs by province; this is the common one.</summary>
    public string ServicePath { get; set; } = "/fsi/api/rsfComIfsService/callService";

    /// <summary>定点医药机构编号 (12 characters, also the first part of every msgid).</summary>
    public string FixmedinsCode { get; set; } = "";
    public string FixmedinsName { get; set; } = "";
    /// <summary>就医地医保区划.</summary>
    public string MdtrtareaAdmvs { get; set; } = "";
    /// <summary>参保地医保区划; empty lets the platform take the insured person's own.</summary>
    public string InsuplcAdmdvs { get; set; } = "";
    public string RecerSysCode { get; set; } = "PHARMACYPOS";
    public string DevNo { get; set; } = "";
    public string InfVer { get; set; } = "V1.0";
    public string OpterType { get; set; } = "1";
    public string Opter { get; set; } = "";
    public string OpterName { get; set; } = "";
    public string Mac { get; set; } = "00-00-00-00-00-00";
    public string Ip { get; set; } = "127.0.0.1";

    /// <summary>The gateway's paas id and token: every request carries x-tif-* headers signed with them.</summary>
    public string PaasId { get; set; } = "";
    public string PaasToken { get; set; } = "";

    /// <summary>险种: 310 employee basic medical insurance.</summary>
    public string InsuType { get; set; } = "310";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
