namespace NewsCmdlets.Engine.Ingest;

/// <summary>Why an input could not be imported. Each kind maps to one PowerShell ErrorId.</summary>
public enum InputProblemKind
{
    NotFound,
    IsDirectory,
    Empty,
    Binary,
    TooLarge,
    Unreadable,
    NoArticle,
}

/// <summary>A per-input failure: the cmdlet reports it as a non-terminating error and goes on.</summary>
public sealed class InputProblemException : Exception
{
    public InputProblemException(InputProblemKind kind, string source, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Source_ = source;
    }

    public InputProblemKind Kind { get; }

    /// <summary>The path, URI or name of the input.</summary>
    public string Source_ { get; }
}
