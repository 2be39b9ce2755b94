namespace JourneyFeedback.Aggregator;

/// <summary>
/// The journey's stages in order, and the rules that file feedback under them: touchpoint → stage,
/// channel → stage, topic → stage. Loaded from a JSON definition (<see cref="JourneyDefinition"/>).
/// </summary>
public sealed record JourneyMap(
    IReadOnlyList<string> Stages,
    IReadOnlyDictionary<string, string> TopicStages,
    IReadOnlyDictionary<string, string> TouchpointStages,
    IReadOnlyDictionary<string, string> ChannelStages,
    IReadOnlyList<string> Segments)
{
    public static readonly JourneyMap Default = JourneyDefinition.LoadDefault();

    /// <summary>Where feedback lands when no rule and no model gives a stage.</summary>
    public string FallbackStage => Stages.Contains("retention") ? "retention" : Stages[^1];
}
