using System.Globalization;
using System.Numerics;
using System.Text;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Number.prototype.toExponential and toPrecision as ECMAScript defines them: digits of the exact value of the double,
/// rounded half up (of two candidates, the larger), which .NET's "E" and "G" formats do not promise.
/// </summary>
internal static class JsNumberFormat
{
    public static string ToExponential(double value, double? fractionDigits)
    {
        var f = fractionDigits is { } given ? (double.IsNaN(given) ? 0 : Math.Truncate(given)) : 0;
        if (!double.IsFinite(value)) return JsSemantics.NumberToString(value);
        if (f < 0 || f > 100) throw new TemplateFunctionException("toExponential() argument must be between 0 and 100");
        var sign = value < 0 ? "-" : "";
        value = Math.Abs(value);
        string digits;
        int exponent;
        if (value == 0)
        {
            digits = new string('0', fractionDigits is null ? 1 : (int)f + 1);
            exponent = 0;
        }
        else if (fractionDigits is null)
        {
            var (shortest, n) = JsSemantics.ShortestDigits(value);
            digits = shortest;
            exponent = n - 1;
        }
        else
        {
            (digits, exponent) = Rounded(value, (int)f + 1);
        }
        return sign + Exponential(digits, exponent);
    }

    public static string ToPrecision(double value, double? precision)
    {
        if (precision is null || !double.IsFinite(value)) return JsSemantics.NumberToString(value);
        var p = double.IsNaN(precision.Value) ? 0 : Math.Truncate(precision.Value);
        if (p < 1 || p > 100) throw new TemplateFunctionException("toPrecision() argument must be between 1 and 100");
        var digitsWanted = (int)p;
        var sign = value < 0 ? "-" : "";
        value = Math.Abs(value);
        var (digits, e) = value == 0 ? (new string('0', digitsWanted), 0) : Rounded(value, digitsWanted);
        if (e < -6 || e >= digitsWanted) return sign + Exponential(digits, e);
        if (e == digitsWanted - 1) return sign + digits;
        if (e >= 0) return sign + digits[..(e + 1)] + "." + digits[(e + 1)..];
        return sign + "0." + new string('0', -(e + 1)) + digits;
    }

    private static string Exponential(string digits, int exponent)
    {
        var sb = new StringBuilder().Append(digits[0]);
        if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
        return sb.Append('e').Append(exponent >= 0 ? '+' : '-').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>
    /// The <paramref name="count"/> digits n and exponent e with n × 10^(e − count + 1) closest to the positive finite
    /// <paramref name="value"/>, the larger n on a tie.
    /// </summary>
    private static (string Digits, int Exponent) Rounded(double value, int count)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biased == 0) biased = 1;
        else mantissa |= 1L << 52;
        var binaryExponent = biased - 1075;
        // value = numerator / denominator exactly.
        var numerator = binaryExponent >= 0 ? new BigInteger(mantissa) << binaryExponent : new BigInteger(mantissa);
        var denominator = binaryExponent >= 0 ? BigInteger.One : BigInteger.One << -binaryExponent;
        var e = (int)Math.Floor(Math.Log10(value));
        // Correct the estimate so that 10^e <= value < 10^(e+1).
        while (Compare(numerator, denominator, e) < 0) e--;
        while (Compare(numerator, denominator, e + 1) >= 0) e++;
        while (true)
        {
            var shift = count - 1 - e;
            var scaledNumerator = shift >= 0 ? numerator * BigInteger.Pow(10, shift) : numerator;
            var scaledDenominator = shift >= 0 ? denominator : denominator * BigInteger.Pow(10, -shift);
            var n = (2 * scaledNumerator + scaledDenominator) / (2 * scaledDenominator);
            var text = n.ToString(CultureInfo.InvariantCulture);
            if (text.Length == count) return (text, e);
            // Rounding carried into a new digit (9.99 to 10.0): one more power of ten.
            e++;
        }
    }

    /// <summary>Compares numerator/denominator with 10^power.</summary>
    private static int Compare(BigInteger numerator, BigInteger denominator, int power) => power >= 0
        ? numerator.CompareTo(denominator * BigInteger.Pow(10, power))
        : (numerator * BigInteger.Pow(10, -power)).CompareTo(denominator);
}
