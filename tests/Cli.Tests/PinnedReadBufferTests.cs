using System;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Threading.Tasks;
using DaemonLint.Cli.Workers;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// The read buffer in front of a worker pipe: the bytes come through as the pipe gives them, whatever the sizes asked for,
/// and the array it reads into is allocated pinned, apart from the generations the collector compacts.
/// </summary>
public sealed class PinnedReadBufferTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(7, 16)]
    [InlineData(16, 16)]
    [InlineData(4096, 64 * 1024)]
    [InlineData(200_000, 64 * 1024)]
    public async Task Reads_GiveTheBytesInOrder_WhateverTheSizesAskedFor(int readSize, int bufferSize)
    {
        // Through a real pipe, written in pieces of 997 bytes: a read gets what has arrived.
        var data = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31 % 251)).ToArray();
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writing = Task.Run(() =>
        {
            for (var at = 0; at < data.Length; at += 997)
            {
                server.Write(data, at, Math.Min(997, data.Length - at));
                server.Flush();
            }

            server.Dispose();
        });

        using var stream = new PinnedReadBuffer(client, bufferSize);
        var got = new MemoryStream();
        var chunk = new byte[readSize];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            Assert.InRange(n, 1, Math.Min(readSize, bufferSize));
            got.Write(chunk, 0, n);
        }

        await writing;
        Assert.Equal(data, got.ToArray());
        Assert.Equal(0, stream.Read(chunk, 0, chunk.Length));
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public async Task ABinaryReaderOverIt_ReadsWhatABinaryWriterWrote_ThroughAPipe()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writing = Task.Run(() =>
        {
            using var writer = new BinaryWriter(server);
            for (var i = 0; i < 20_000; i++)
            {
                writer.Write(i);
                writer.Write("file-" + i);
            }
        });

        using var reader = new BinaryReader(new PinnedReadBuffer(client, 64));
        for (var i = 0; i < 20_000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
            Assert.Equal("file-" + i, reader.ReadString());
        }

        await writing;
        Assert.Throws<EndOfStreamException>(() => reader.ReadInt32());
    }

    [Fact]
    public void TheBuffer_IsAllocatedPinned_NotInTheFirstGeneration()
    {
        // A BufferedStream's array starts in generation 0, where a thread waiting in the read keeps it pinned under the
        // collector; this one is on the pinned object heap, which the collector reports as the oldest generation.
        using var stream = new PinnedReadBuffer(new MemoryStream(new byte[10]), 64 * 1024);

        Assert.Equal(GC.MaxGeneration, stream.BufferGeneration);
        Assert.Equal(0, GC.GetGeneration(new byte[64 * 1024]));
    }

    [Fact]
    public void ItOnlyReads()
    {
        using var stream = new PinnedReadBuffer(new MemoryStream(new byte[10]), 16);

        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Write(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
    }
}
