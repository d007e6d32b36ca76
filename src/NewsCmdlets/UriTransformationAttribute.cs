using System.Management.Automation;

namespace NewsCmdlets;

/// <summary>
/// Turns strings into <see cref="Uri"/> objects while binding, so that a Url or Link property holding a string binds
/// -Uri by property name in the binder's first, no-coercion pass, before the default set's -Path could take the
/// whole object by value as text.
/// </summary>
internal sealed class UriTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            string s => ToUri(s),
            object[] items when items.All(i => (i is PSObject p ? p.BaseObject : i) is string or System.Uri) =>
                items.Select(i => (i is PSObject p ? p.BaseObject : i) is string s ? ToUri(s) : (i is PSObject p2 ? p2.BaseObject : i)).ToArray(),
            _ => inputData,
        };
    }

    // A string that is not even a relative URI stays a string: the binder then reports it, or binds it elsewhere.
    private static object ToUri(string s) => System.Uri.TryCreate(s.Trim(), UriKind.RelativeOrAbsolute, out var u) ? u : s;
}
