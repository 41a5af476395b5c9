using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DaemonLint.Bench;

/// <summary>Base for the per-corpus columns: finds the case's corpus (loaded in the host process too; it is deterministic).</summary>
public abstract class CorpusColumn : IColumn
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string ColumnName { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public abstract string Legend { get; }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => this.GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var corpus = CorpusOf(benchmarkCase);
        return corpus is null ? "?" : this.Compute(summary, benchmarkCase, Corpus.Get(corpus.Value));
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>Computes the cell.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="benchmarkCase">The case.</param>
    /// <param name="corpus">Its corpus.</param>
    /// <returns>The text.</returns>
    protected abstract string Compute(Summary summary, BenchmarkCase benchmarkCase, Corpus corpus);

    /// <summary>Finds the case with the same parameters whose method is the baseline.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="benchmarkCase">The case.</param>
    /// <returns>The baseline case, or null.</returns>
    protected static BenchmarkCase? BaselineOf(Summary summary, BenchmarkCase benchmarkCase) =>
        summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline && c.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo && c.Job == benchmarkCase.Job);

    private static CorpusKind? CorpusOf(BenchmarkCase benchmarkCase)
    {
        var p = benchmarkCase.Parameters.Items.FirstOrDefault(i => i.Name == nameof(ValidationBenchmarks.Corpus));
        return p?.Value is CorpusKind k ? k : null;
    }
}

/// <summary>The number of YAML documents in the corpus.</summary>
public sealed class DocumentsColumn : CorpusColumn
{
    /// <inheritdoc />
    public override string Id => "DaemonLint.Docs";

    /// <inheritdoc />
    public override string ColumnName => "Docs";

    /// <inheritdoc />
    public override string Legend => "YAML documents in the corpus (DocumentStart events)";

    /// <inheritdoc />
    protected override string Compute(Summary summary, BenchmarkCase benchmarkCase, Corpus corpus) =>
        corpus.Documents.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>The median time per document.</summary>
public sealed class MedianPerDocumentColumn : CorpusColumn
{
    /// <inheritdoc />
    public override string Id => "DaemonLint.MedianPerDoc";

    /// <inheritdoc />
    public override string ColumnName => "Median/doc";

    /// <inheritdoc />
    public override string Legend => "Median time of one operation divided by Docs";

    /// <inheritdoc />
    protected override string Compute(Summary summary, BenchmarkCase benchmarkCase, Corpus corpus)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        return stats is null || corpus.Documents == 0
            ? "-"
            : (stats.Median / corpus.Documents / 1000.0).ToString("N2", CultureInfo.InvariantCulture) + " us";
    }
}

/// <summary>The ratio of medians to the baseline of the same parameters (BenchmarkDotNet's Ratio uses means).</summary>
public sealed class MedianRatioColumn : CorpusColumn
{
    /// <inheritdoc />
    public override string Id => "DaemonLint.MedianRatio";

    /// <inheritdoc />
    public override string ColumnName => "MedianRatio";

    /// <inheritdoc />
    public override string Legend => "Median / median of the baseline (Parse) on the same corpus, same run";

    /// <inheritdoc />
    protected override string Compute(Summary summary, BenchmarkCase benchmarkCase, Corpus corpus)
    {
        var baseline = BaselineOf(summary, benchmarkCase);
        var mine = summary[benchmarkCase]?.ResultStatistics;
        var theirs = baseline is null ? null : summary[baseline]?.ResultStatistics;
        return mine is null || theirs is null || theirs.Median == 0
            ? "-"
            : (mine.Median / theirs.Median).ToString("N2", CultureInfo.InvariantCulture);
    }
}

/// <summary>Allocated bytes per operation divided by the number of documents.</summary>
public sealed class AllocatedPerDocumentColumn : CorpusColumn
{
    /// <inheritdoc />
    public override string Id => "DaemonLint.AllocPerDoc";

    /// <inheritdoc />
    public override string ColumnName => "Alloc/doc";

    /// <inheritdoc />
    public override string Legend => "Allocated bytes of one operation (MemoryDiagnoser) divided by Docs";

    /// <inheritdoc />
    protected override string Compute(Summary summary, BenchmarkCase benchmarkCase, Corpus corpus)
    {
        var report = summary[benchmarkCase];
        if (report is null || corpus.Documents == 0)
        {
            return "-";
        }

        var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is null ? "-" : Math.Round((double)bytes.Value / corpus.Documents).ToString("N0", CultureInfo.InvariantCulture) + " B";
    }
}
