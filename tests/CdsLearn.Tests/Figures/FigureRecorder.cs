using System.Collections.Concurrent;
using CdsLearn.Figures;

namespace CdsLearn.Tests.Figures;

/// <summary>Every figure change a context told its listeners of, in order.</summary>
public sealed class FigureRecorder : IFigureListener
{
    public ConcurrentQueue<FigureChange> Changes { get; } = new();

    public void OnCommitted(FigureChange change) => Changes.Enqueue(change);
}
