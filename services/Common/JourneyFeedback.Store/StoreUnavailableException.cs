namespace JourneyFeedback.Store;

/// <summary>The store could not be reached: the work is intact and should be retried, not given up on.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
