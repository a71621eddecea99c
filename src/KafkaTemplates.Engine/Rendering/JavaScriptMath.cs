namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// JavaScript's <c>Math.pow</c> and <c>**</c> as node's V8 computes them, to the last bit. V8 (node 20, V8 11.3) uses
/// its port of fdlibm's <c>e_pow.c</c> (<c>base::ieee754::legacy::pow</c>), not the C library's pow that .NET's <c>Math.Pow</c> calls, and the two differ
/// in the last binary digit for some inputs (<c>7 ** 1.5</c>). This is the same algorithm, step for step, with the
/// ECMAScript special cases fdlibm already has: a NaN exponent gives NaN (also for base 1), ±1 to ±Infinity is NaN.
/// </summary>
internal static class JavaScriptMath
{
    private static readonly double[] Bp = [1.0, 1.5];
    private static readonly double[] DpH = [0.0, 5.84962487220764160156e-01]; // 0x3FE2B803_40000000
    private static readonly double[] DpL = [0.0, 1.35003920212974897128e-08]; // 0x3E4CFDEB_43CFD006

    private const double Two53 = 9007199254740992.0;
    private const double Huge = 1.0e300;
    private const double Tiny = 1.0e-300;

    // Polynomial for (3/2)*(log(x)-2s-2/3*s**3).
    private const double L1 = 5.99999999999994648725e-01;
    private const double L2 = 4.28571428578550184252e-01;
    private const double L3 = 3.33333329818377432918e-01;
    private const double L4 = 2.72728123808534006489e-01;
    private const double L5 = 2.30660745775561754067e-01;
    private const double L6 = 2.06975017800338417784e-01;
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;
    private const double Lg2 = 6.93147180559945286227e-01;
    private const double Lg2H = 6.93147182464599609375e-01;
    private const double Lg2L = -1.90465429995776804525e-09;
    private const double Ovt = 8.0085662595372944372e-17; // -(1024-log2(ovfl+.5ulp))
    private const double Cp = 9.61796693925975554329e-01; // 2/(3 ln2)
    private const double CpH = 9.61796700954437255859e-01;
    private const double CpL = -7.02846165095275826516e-09;
    private const double Ivln2 = 1.44269504088896338700e+00;
    private const double Ivln2H = 1.44269502162933349609e+00;
    private const double Ivln2L = 1.92596299112661746887e-08;

    /// <summary><c>x ** y</c> in JavaScript.</summary>
    public static double Pow(double x, double y)
    {
        var hx = High(x);
        var lx = Low(x);
        var hy = High(y);
        var ly = Low(y);
        var ix = hx & 0x7fffffff;
        var iy = hy & 0x7fffffff;

        if ((iy | (int)ly) == 0) return 1.0; // x ** ±0 is 1, even for NaN
        if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0))
            return double.NaN; // a NaN operand (base 1 included, unlike C)

        // For a negative x: 0 when y is no integer, 1 when y is an odd integer, 2 when even.
        var yIsInt = 0;
        if (hx < 0)
        {
            if (iy >= 0x43400000) yIsInt = 2;
            else if (iy >= 0x3ff00000)
            {
                var e = (iy >> 20) - 0x3ff;
                if (e > 20)
                {
                    var j = ly >> (52 - e);
                    if (j << (52 - e) == ly) yIsInt = 2 - (int)(j & 1);
                }
                else if (ly == 0)
                {
                    var j = iy >> (20 - e);
                    if (j << (20 - e) == iy) yIsInt = 2 - (j & 1);
                }
            }
        }

        if (ly == 0)
        {
            if (iy == 0x7ff00000) // y is ±Infinity
            {
                if (((ix - 0x3ff00000) | (int)lx) == 0) return double.NaN; // ±1 ** ±Infinity
                if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;
                return hy < 0 ? -y : 0.0;
            }
            if (iy == 0x3ff00000) return hy < 0 ? 1.0 / x : x;
            if (hy == 0x40000000) return x * x;
            if (hy == 0x3fe00000 && hx >= 0) return Math.Sqrt(x);
        }

        var ax = Math.Abs(x);
        if (lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000)) // x is ±0, ±Infinity, ±1
        {
            var z = ax;
            if (hy < 0) z = 1.0 / z;
            if (hx < 0)
            {
                if (((ix - 0x3ff00000) | yIsInt) == 0) z = double.NaN; // -1 ** non-integer
                else if (yIsInt == 1) z = -z;
            }
            return z;
        }

        var n = (hx >> 31) + 1;
        if ((n | yIsInt) == 0) return double.NaN; // negative ** non-integer
        var sign = (n | (yIsInt - 1)) == 0 ? -1.0 : 1.0;

        double t1, t2;
        if (iy > 0x41e00000) // |y| > 2**31
        {
            if (iy > 0x43f00000) // |y| > 2**64: must overflow or underflow
            {
                if (ix <= 0x3fefffff) return hy < 0 ? Huge * Huge : Tiny * Tiny;
                if (ix >= 0x3ff00000) return hy > 0 ? Huge * Huge : Tiny * Tiny;
            }
            if (ix < 0x3fefffff) return hy < 0 ? sign * Huge * Huge : sign * Tiny * Tiny;
            if (ix > 0x3ff00000) return hy > 0 ? sign * Huge * Huge : sign * Tiny * Tiny;
            // |1-x| <= 2**-20: log(x) by x-x^2/2+x^3/3-x^4/4.
            var t = ax - 1.0;
            var w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
            var u = Ivln2H * t;
            var v = t * Ivln2L - w * Ivln2;
            t1 = WithLow(u + v, 0);
            t2 = v - (t1 - u);
        }
        else
        {
            n = 0;
            if (ix < 0x00100000) // subnormal x
            {
                ax *= Two53;
                n -= 53;
                ix = High(ax);
            }
            n += (ix >> 20) - 0x3ff;
            var j = ix & 0x000fffff;
            ix = j | 0x3ff00000;
            int k;
            if (j <= 0x3988E) k = 0; // |x| < sqrt(3/2)
            else if (j < 0xBB67A) k = 1; // |x| < sqrt(3)
            else
            {
                k = 0;
                n += 1;
                ix -= 0x00100000;
            }
            ax = WithHigh(ax, ix);

            // ss = s_h + s_l = (x-1)/(x+1) or (x-1.5)/(x+1.5)
            var u = ax - Bp[k];
            var v = 1.0 / (ax + Bp[k]);
            var ss = u * v;
            var sH = WithLow(ss, 0);
            var tH = WithHigh(0.0, ((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18));
            var tL = ax - (tH - Bp[k]);
            var sL = v * ((u - sH * tH) - sH * tL);
            // log(ax)
            var s2 = ss * ss;
            var r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
            r += sL * (sH + ss);
            s2 = sH * sH;
            tH = WithLow(3.0 + s2 + r, 0);
            tL = r - ((tH - 3.0) - s2);
            u = sH * tH;
            v = sL * tH + tL * ss;
            var pH = WithLow(u + v, 0);
            var pL = v - (pH - u);
            var zH = CpH * pH;
            var zL = CpL * pH + pL * Cp + DpL[k];
            var tn = (double)n;
            t1 = WithLow(((zH + zL) + DpH[k]) + tn, 0);
            t2 = zL - (((t1 - tn) - DpH[k]) - zH);
        }

        // (y1 + y2) * (t1 + t2)
        var y1 = WithLow(y, 0);
        var pLow = (y - y1) * t1 + y * t2;
        var pHigh = y1 * t1;
        var zz = pLow + pHigh;
        var jz = High(zz);
        var iz = (int)Low(zz);
        if (jz >= 0x40900000) // z >= 1024
        {
            if (((jz - 0x40900000) | iz) != 0) return sign * Huge * Huge;
            if (pLow + Ovt > zz - pHigh) return sign * Huge * Huge;
        }
        else if ((jz & 0x7fffffff) >= 0x4090cc00) // z <= -1075
        {
            if ((unchecked(jz - (int)0xc090cc00) | iz) != 0) return sign * Tiny * Tiny;
            if (pLow <= zz - pHigh) return sign * Tiny * Tiny;
        }

        // 2 ** (pHigh + pLow)
        var i = jz & 0x7fffffff;
        var kk = (i >> 20) - 0x3ff;
        var m = 0;
        if (i > 0x3fe00000) // |z| > 0.5: m = [z + 0.5]
        {
            m = jz + (0x00100000 >> (kk + 1));
            kk = ((m & 0x7fffffff) >> 20) - 0x3ff;
            var tm = WithHigh(0.0, m & ~(0x000fffff >> kk));
            m = ((m & 0x000fffff) | 0x00100000) >> (20 - kk);
            if (jz < 0) m = -m;
            pHigh -= tm;
        }
        var tt = WithLow(pLow + pHigh, 0);
        var uu = tt * Lg2H;
        var vv = (pLow - (tt - pHigh)) * Lg2 + tt * Lg2L;
        var z2 = uu + vv;
        var ww = vv - (z2 - uu);
        var t2z = z2 * z2;
        var tp = z2 - t2z * (P1 + t2z * (P2 + t2z * (P3 + t2z * (P4 + t2z * P5))));
        // V8 divides by the whole difference, where fdlibm has (z*t1)/(t1-2) - (w+z*w); node's digits follow V8.
        var rr = z2 * tp / ((tp - 2.0) - (ww + z2 * ww));
        z2 = 1.0 - (rr - z2);
        var jr = High(z2) + (m << 20);
        z2 = (jr >> 20) <= 0 ? Math.ScaleB(z2, m) : WithHigh(z2, jr); // subnormal result: one rounding, as scalbn
        return sign * z2;
    }

    private static int High(double d) => (int)(BitConverter.DoubleToInt64Bits(d) >> 32);

    private static uint Low(double d) => (uint)BitConverter.DoubleToInt64Bits(d);

    private static double WithLow(double d, uint low) =>
        BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(d) & unchecked((long)0xFFFFFFFF00000000)) | low);

    private static double WithHigh(double d, int high) =>
        BitConverter.Int64BitsToDouble(((long)high << 32) | (BitConverter.DoubleToInt64Bits(d) & 0xFFFFFFFFL));
}
