using System;
using System.IO;

namespace DaemonLint.SchemaGen;

/// <summary>Entry point: <c>SchemaGen SWAGGER V3FOLDER OUTDIR</c>.</summary>
public static class Program
{
    /// <summary>Generates the schemas.</summary>
    /// <param name="args">The swagger.json path (v1 Node), the folder of the v3 documents (one <c>&lt;release&gt;/apps-v1.json</c> each) and the output folder.</param>
    /// <returns>0 on success, 2 on a usage or input error.</returns>
    public static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: SchemaGen <swagger.json> <openapi-v3 folder> <output folder>");
            return 2;
        }

        try
        {
            var written = SchemaGenerator.Generate(File.ReadAllText(args[0]), args[1], args[2]);
            foreach (var f in written)
            {
                Console.WriteLine("wrote " + f);
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            Console.Error.WriteLine("SchemaGen: " + ex.Message);
            return 2;
        }
    }
}
