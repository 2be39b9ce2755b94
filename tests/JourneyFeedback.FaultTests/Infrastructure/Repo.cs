namespace JourneyFeedback.FaultTests.Infrastructure;

public static class Repo
{
    /// <summary>The checkout this test assembly was built from.</summary>
    public static readonly string Root = FindRoot();

    /// <summary>Debug or Release: the services are run from the same configuration the tests were built in.</summary>
    public static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    public static string ServiceDll(string service) =>
        Path.Combine(Root, "services", service, "bin", Configuration, "net10.0", $"JourneyFeedback.{service}.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JourneyFeedback.sln"))) return dir.FullName;
        throw new InvalidOperationException("JourneyFeedback.sln not found above " + AppContext.BaseDirectory);
    }
}
