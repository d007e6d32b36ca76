using System.Management.Automation.Host;

namespace NewsCmdlets.TestSupport;

/// <summary>A 120-column console that draws nothing: enough for PowerShell's formatter to lay out tables.</summary>
internal sealed class FixedRawUI : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; }
    public override Size BufferSize { get; set; } = new(120, 3000);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override ConsoleColor ForegroundColor { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(120, 100);
    public override Size MaxWindowSize => new(120, 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(120, 100);
    public override string WindowTitle { get; set; } = "";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
