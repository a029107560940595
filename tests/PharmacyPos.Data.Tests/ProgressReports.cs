using PharmacyPos.Data.Import;

namespace PharmacyPos.Data.Tests;

/// <summary>An import's progress as it is reported, in order, without Progress&lt;T&gt;'s hop to a synchronisation context.</summary>
internal sealed class ProgressReports(List<ImportProgress> seen) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => seen.Add(value);
}
