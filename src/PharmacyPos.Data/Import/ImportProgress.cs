namespace PharmacyPos.Data.Import;

/// <summary>How far an import (a catalogue, a delivery note) has got: rows checked of all, then the one save.</summary>
public sealed record ImportProgress(int Checked, int Total, bool Saving)
{
    public string Text => Saving ? $"已检查 {Total} 行，正在保存…" : $"正在检查第 {Checked} / {Total} 行…";
}
