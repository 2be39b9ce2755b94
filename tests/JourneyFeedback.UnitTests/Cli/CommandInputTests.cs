using System.Text.Json;

namespace JourneyFeedback.UnitTests.Cli;

/// <summary>jf analyze and jf evaluate given files they cannot read as asked: a clear message and exit code 2, never a stack trace.</summary>
public sealed class CommandInputTests : IDisposable
{
    private static readonly string Models = Path.Combine(AppContext.BaseDirectory, "models");
    private readonly string _dir = Directory.CreateTempSubdirectory("jf-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task AnalyzeNamesAMissingTextColumnAndLeavesTheOutputAlone()
    {
        var input = Write("tickets.tsv", "id\tbody", "1\tThe parcel never arrived");
        var output = Write("out.jsonl", "an earlier run");

        var (code, _, error) = await Jf.RunAsync("analyze", "--input", input, "--output", output, "--models", Models);

        Assert.Equal(2, code);
        Assert.Contains("no column 'text' in the header (id, body)", error);
        Assert.Contains("--text-column", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal(["an earlier run"], File.ReadAllLines(output));
    }

    [Fact]
    public async Task AnalyzeReadsTheColumnItIsGiven()
    {
        var input = Write("tickets.tsv", "id\tbody", "1\tThe parcel never arrived and nobody answers");
        var output = Path.Combine(_dir, "out.jsonl");

        var (code, _, error) = await Jf.RunAsync("analyze", "--input", input, "--text-column", "body", "--output", output, "--models", Models);

        Assert.True(code == 0, error);
        var record = JsonDocument.Parse(File.ReadAllLines(output).Single()).RootElement;
        Assert.Equal("negative", record.GetProperty("sentiment").GetProperty("label").GetString());
    }

    [Fact]
    public async Task EvaluateNamesTheColumnsItNeeds()
    {
        var (code, output, error) = await Jf.RunAsync("evaluate", "--input", Write("l.tsv", "text\tsentiment", "fine\tpositive"), "--models", Models);

        Assert.Equal(2, code);
        Assert.Contains("must name the columns text and label", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task EvaluateRefusesALabelAnalysisNeverGives()
    {
        var (code, output, error) = await Jf.RunAsync("evaluate", "--input", Write("l.tsv", "text\tlabel", "fine\tpositive", "awful\tneg"), "--models", Models);

        Assert.Equal(2, code);
        Assert.Contains("labels must be negative, neutral, positive, mixed; found 'neg'", error);
        Assert.Empty(output);
    }
}
