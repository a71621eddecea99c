using System.Globalization;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Testing;
using Xunit;

namespace KafkaTemplates.Engine.Tests.Rendering;

/// <summary>
/// <see cref="JavaScriptMath.Pow"/> against node itself, bit for bit: one node process computes <c>Math.pow(a, b)</c>
/// and <c>a ** b</c> for a few thousand seeded pairs (integers, halves, negatives, subnormals, huge and tiny values,
/// ±0, ±Infinity, NaN) and prints the bit patterns.
/// </summary>
public sealed class JavaScriptMathTests
{
    // Reads "abits bbits" lines of hex, answers "powbits starbits" lines; variables keep ** from being folded.
    private const string NodeScript = """
        const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l);
        const view = new DataView(new ArrayBuffer(8));
        const num = h => { view.setBigUint64(0, BigInt('0x' + h)); return view.getFloat64(0); };
        const hex = d => { view.setFloat64(0, d); return view.getBigUint64(0).toString(16).padStart(16, '0'); };
        const out = lines.map(l => { const [a, b] = l.split(' ').map(num); return hex(Math.pow(a, b)) + ' ' + hex(a ** b); });
        process.stdout.write(out.join('\n') + '\n');
        """;

    private static readonly double[] Specials =
    [
        0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 1.5, -1.5, 3.0, 10.0, double.PositiveInfinity, double.NegativeInfinity,
        double.NaN, double.Epsilon, -double.Epsilon, double.MaxValue, -double.MaxValue, 2.2250738585072014e-308,
        1.0000000000000002, 0.9999999999999999, 1024, -1074, -1075, 53, 2147483648.0, 18446744073709551616.0, 1e-300,
    ];

    [Fact]
    public async Task Pow_gives_the_bits_node_gives()
    {
        var random = new Random(20261207);
        var pairs = new List<(double A, double B)>();
        foreach (var a in Specials)
            foreach (var b in Specials) pairs.Add((a, b));
        for (var i = 0; i < 4000; i++) pairs.Add((Draw(random), Draw(random)));
        pairs.Add((7, 1.5));
        pairs.Add((3, 42));

        var input = string.Join('\n', pairs.Select(p => Bits(p.A) + " " + Bits(p.B))) + "\n";
        var result = await ProcessRunner.RunAsync(Tool.Find("node"), ["-e", NodeScript], standardInput: input);
        Assert.True(result.ExitCode == 0, $"node failed ({result.ExitCode}): {result.StandardError}");
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pairs.Count, answers.Length);

        var wrong = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            var ours = Bits(JavaScriptMath.Pow(a, b));
            var expected = answers[i].Split(' ');
            // Any NaN is NaN to JavaScript; only the bit pattern of a number must match.
            if (expected[0] != expected[1]) wrong.Add($"node itself: Math.pow {expected[0]} vs ** {expected[1]} for {a:R} ** {b:R}");
            else if (ours != expected[0] && !(IsNaNBits(ours) && IsNaNBits(expected[0])))
                wrong.Add($"{a:R} ** {b:R}: ours {ours}, node {expected[0]}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {pairs.Count} differ:\n" + string.Join('\n', wrong.Take(20)));
    }

    [Fact]
    public void Pow_keeps_the_ECMAScript_special_cases()
    {
        Assert.True(double.IsNaN(JavaScriptMath.Pow(1, double.NaN)));
        Assert.True(double.IsNaN(JavaScriptMath.Pow(-1, double.PositiveInfinity)));
        Assert.True(double.IsNaN(JavaScriptMath.Pow(1, double.NegativeInfinity)));
        Assert.Equal(1.0, JavaScriptMath.Pow(double.NaN, -0.0));
        Assert.Equal(double.NegativeInfinity, JavaScriptMath.Pow(-0.0, -3));
        Assert.Equal(18.520259177452132, JavaScriptMath.Pow(7, 1.5)); // .NET's Math.Pow gives ...136
    }

    private static double Draw(Random random) => random.Next(8) switch
    {
        0 => random.Next(-40, 41),
        1 => random.Next(-80, 81) / 2.0,
        2 => (random.NextDouble() - 0.5) * 1e3,
        3 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x0010000000000000)) * (random.Next(2) == 0 ? 1 : -1),
        4 => Math.Pow(10, random.Next(-320, 309)) * random.NextDouble(),
        5 => 1 + (random.NextDouble() - 0.5) * Math.Pow(2, -random.Next(1, 53)),
        6 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FF0000000000000)) * (random.Next(2) == 0 ? 1 : -1),
        _ => Specials[random.Next(Specials.Length)],
    };

    private static string Bits(double d) => BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture);

    private static bool IsNaNBits(string bits) => double.IsNaN(BitConverter.Int64BitsToDouble(long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
}
