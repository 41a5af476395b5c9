using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace DaemonLint.Bench;

/// <summary>Adds the median, the median ratio and the per-document columns; jobs come from the command line.</summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>Initializes a new instance of the <see cref="BenchConfig"/> class.</summary>
    public BenchConfig()
    {
        this.AddColumn(StatisticColumn.Median);
        this.AddColumn(new MedianRatioColumn());
        this.AddColumn(new DocumentsColumn());
        this.AddColumn(new MedianPerDocumentColumn());
        this.AddColumn(new AllocatedPerDocumentColumn());
    }
}
