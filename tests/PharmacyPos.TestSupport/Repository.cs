namespace PharmacyPos.TestSupport;

/// <summary>The checkout the tests and the bench run from: the folder above them that holds PharmacyPos.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PharmacyPos.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PharmacyPos.sln not found above " + AppContext.BaseDirectory);
    }
}
