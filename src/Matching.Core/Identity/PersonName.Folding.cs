namespace Matching.Core.Identity;

public static partial class PersonName
{
    /// <summary>The folded form of a stand-in: one character we cannot read.</summary>
    private const int StandIn = '*';

    /// <summary>The folded form of every middle-dot variant.</summary>
    private const int MiddleDot = '·';

    // Classes FoldChar returns besides a character: ignore it; part of a pinyin run; a dash (a dot between Han).
    private const int Skip = -1;
    private const int Letter = -2;
    private const int Dash = -3;

    /// <summary>
    /// True when the folded form of <paramref name="name"/> is itself (up to folding) free of stand-ins and not
    /// empty: two ordinally equal such names have similarity 1 without folding.
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<char> name)
    {
        var content = false;
        foreach (var c in name)
        {
            if (c is >= '\u4E00' and <= '\u9FFF')
            {
                content = true;
                continue;
            }

            switch (FoldChar(c))
            {
                case Skip:
                    continue;
                case StandIn or Letter:
                    return false;
                default:
                    content = true;
                    break;
            }
        }

        return content;
    }

    /// <summary>
    /// One UTF-16 unit, folded: a Han character to its simplified form; full-width ASCII to ASCII; a stand-in to
    /// <see cref="StandIn"/>; a middle-dot variant to <see cref="MiddleDot"/>; or one of the classes
    /// <see cref="Skip"/> (whitespace, zero-width), <see cref="Letter"/> (Latin letter, part of a pinyin run),
    /// <see cref="Dash"/>. Anything else (digits, 〇, other symbols, surrogates) is itself.
    /// </summary>
    private static int FoldChar(char raw)
    {
        if (raw is >= '\u4E00' and <= '\u9FFF')
        {
            return ChineseVariants.ToSimplified(raw);
        }

        var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
        if (char.IsAsciiLetter(c))
        {
            return Letter;
        }

        return c switch
        {
            '*' or '?' or '□' or '■' or '○' or '◯' or '×' or '〓' or '\uFE61' or '\uFE56' or '\uFFFD' => StandIn,
            '.' or '·' or '•' or '・' or '‧' or '･' or '∙' or '⋅' or '\u0387' or '。' or '｡' => MiddleDot,
            '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => Dash,
            '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => Skip,
            _ when char.IsWhiteSpace(c) => Skip,
            >= '\u00C0' and <= '\u024F' and not '\u00D7' and not '\u00F7' => Letter, // pinyin with tone marks: yàn, lǚ
            _ => c,
        };
    }

    /// <summary>Han: CJK Unified Ideographs and extensions A to H, compatibility ideographs, 〇.</summary>
    private static bool IsHan(int c) =>
        c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x20000 and <= 0x3FFFF) or 0x3007;

    private static int CodePointAt(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            ? char.ConvertToUtf32(text[i], text[i + 1])
            : text[i];

    /// <summary>Reads the folded form of a name, one code point at a time, without allocating.</summary>
    private ref struct Folder
    {
        private readonly ReadOnlySpan<char> _name;
        private int _next;
        private int _previous;
        private bool _inLetters;

        public Folder(ReadOnlySpan<char> name)
        {
            _name = name;
            _previous = -1;
        }

        /// <summary>The next code point of the folded form; false at the end.</summary>
        public bool Read(out int folded)
        {
            while (_next < _name.Length)
            {
                var c = CodePointAt(_name, _next);
                if (c > char.MaxValue)
                {
                    _next += 2;
                    _inLetters = false;
                    return Produce(c, out folded);
                }

                _next++;
                var f = FoldChar((char)c);
                if (f == Skip)
                {
                    _inLetters = false; // "yan li" is two characters, "yanli" one
                    continue;
                }

                if (f == Letter)
                {
                    if (_inLetters)
                    {
                        continue;
                    }

                    _inLetters = true;
                    return Produce(StandIn, out folded);
                }

                _inLetters = false;
                if (f == Dash)
                {
                    f = JoinsHan() ? MiddleDot : '-';
                }

                if (f == MiddleDot && _previous == MiddleDot)
                {
                    continue;
                }

                return Produce(f, out folded);
            }

            folded = 0;
            return false;
        }

        private bool Produce(int c, out int folded)
        {
            _previous = c;
            folded = c;
            return true;
        }

        /// <summary>
        /// After a dash: true (and the rest of a run of dashes skipped) when it stands between two Han characters,
        /// spaces aside, as in 阿依古丽-买买提 or 阿依古丽——买买提.
        /// </summary>
        private bool JoinsHan()
        {
            if (!IsHan(_previous))
            {
                return false;
            }

            var i = _next;
            while (i < _name.Length && FoldChar(_name[i]) is Skip or Dash)
            {
                i++;
            }

            if (i == _name.Length || !IsHan(CodePointAt(_name, i)))
            {
                return false;
            }

            _next = i;
            return true;
        }
    }
}
