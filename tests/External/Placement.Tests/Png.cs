using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace DaemonLint.Placement.ExternalTests;

/// <summary>
/// A minimal PNG reader for screenshots (8-bit RGB or RGBA, not interlaced: what Chromium writes), enough to count the
/// pixels of a colour. No image library is needed.
/// </summary>
public sealed class Png
{
    private readonly byte[] pixels;
    private readonly int channels;

    private Png(int width, int height, int channels, byte[] pixels)
    {
        this.Width = width;
        this.Height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public static Png Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var signature = new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 };
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException($"{path} is not a PNG");
        }

        int width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        var pos = 8;
        while (pos + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(data, pos + 4, 4);
            var body = data.AsSpan(pos + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body.Slice(4));
                    if (body[8] != 8 || body[12] != 0 || (body[9] != 2 && body[9] != 6))
                    {
                        throw new InvalidDataException($"unsupported PNG: bit depth {body[8]}, colour type {body[9]}, interlace {body[12]}");
                    }

                    colorType = body[9];
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
            }

            pos += 12 + length;
        }

        var channels = colorType == 6 ? 4 : 3;
        var stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            var read = 0;
            while (read < raw.Length)
            {
                var n = z.Read(raw, read, raw.Length - read);
                if (n == 0)
                {
                    throw new InvalidDataException("truncated PNG data");
                }

                read += n;
            }
        }

        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int c = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                int v = raw[(y * (stride + 1)) + 1 + x];
                pixels[(y * stride) + x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + ((a + b) / 2),
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException("bad PNG filter " + filter),
                });
            }
        }

        return new Png(width, height, channels, pixels);
    }

    /// <summary>Counts the pixels within <paramref name="tolerance"/> of a colour (per channel).</summary>
    public int Count(int rgb, int tolerance = 6)
    {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        var n = 0;
        for (var i = 0; i < this.pixels.Length; i += this.channels)
        {
            if (Math.Abs(this.pixels[i] - r) <= tolerance && Math.Abs(this.pixels[i + 1] - g) <= tolerance && Math.Abs(this.pixels[i + 2] - b) <= tolerance)
            {
                n++;
            }
        }

        return n;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
