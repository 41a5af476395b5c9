using System;
using System.IO;

namespace DaemonLint.Cli.Workers;

/// <summary>
/// A read buffer in front of a pipe, kept on the pinned object heap. A thread that waits for the other end of a pipe waits
/// inside the read system call, with the array it reads into pinned for as long as it waits; with a
/// <see cref="BufferedStream"/> that array is an ordinary one, allocated in the first generation. The parent of a
/// validate run waits on its worker's answers nearly all the time, so its collections found that array pinned, could not
/// move it, and kept its whole region in the first generation (2.7–4 MiB, nearly all of it free) for up to eight
/// collections (bench/Process/RESULTS.md, session 13). An array allocated pinned lives apart from the generations the young
/// collections compact, so they never meet it.
/// </summary>
internal sealed class PinnedReadBuffer : Stream
{
    private readonly Stream inner;
    private readonly byte[] buffer;
    private int start;
    private int end;

    /// <summary>Initializes a new instance of the <see cref="PinnedReadBuffer"/> class.</summary>
    /// <param name="inner">The stream read from (a pipe).</param>
    /// <param name="size">The buffer's size in bytes.</param>
    public PinnedReadBuffer(Stream inner, int size)
    {
        this.inner = inner;
        this.buffer = GC.AllocateUninitializedArray<byte>(size, pinned: true);
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => this.Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        // Even a large request is read through the buffer: the caller's array would be the one pinned while the pipe is empty.
        if (this.start == this.end && !this.Fill())
        {
            return 0;
        }

        var n = Math.Min(destination.Length, this.end - this.start);
        this.buffer.AsSpan(this.start, n).CopyTo(destination);
        this.start += n;
        return n;
    }

    /// <inheritdoc />
    public override int ReadByte() => this.start < this.end || this.Fill() ? this.buffer[this.start++] : -1;

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Gets the generation the collector gives the buffer (the pinned object heap counts as the oldest).</summary>
    internal int BufferGeneration => GC.GetGeneration(this.buffer);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        this.start = 0;
        this.end = this.inner.Read(this.buffer, 0, this.buffer.Length);
        return this.end > 0;
    }
}
