using System.Globalization;
using System.Text;
using CsvHelper;
using Matching.Samples.Output;

namespace Matching.Samples.Benchmark;

/// <summary>
/// Streams the benchmark's medical-insurance ledger: <c>bills-YYYY-MM.csv</c>, one file a month for the months
/// before the benchmark's reference date (<c>姓名,证件号码,结算单号,就诊日期,医疗总费用,基金支付,个人自付</c>, UTF-8 with
/// BOM). A share of bills are population members', the rest those of a pool of strangers; each month's file also sends
/// a share of the previous month's bills again (same settlement number), as overlapping extracts do. Rows are written
/// from bytes, without strings.
/// </summary>
internal static class BenchmarkBillsWriter
{
    private static readonly string[] Header = ["姓名", "证件号码", "结算单号", "就诊日期", "医疗总费用", "基金支付", "个人自付"];

    /// <summary>Share of bills that are members'.</summary>
    private const double MemberShare = 0.3;

    /// <summary>Share of a month's bills sent again in the next month's file.</summary>
    private const double ResentShare = 0.02;

    public static string FileName(DateOnly month) => $"bills-{month:yyyy-MM}.csv";

    /// <summary>Writes <paramref name="bills"/> bills over <paramref name="months"/> months ending with <paramref name="lastMonth"/>.</summary>
    public static IReadOnlyList<SampleFile> Write(string directory, BenchmarkPopulation population, int seed, int bills, int months, DateOnly lastMonth)
    {
        var rng = new FastRandom(seed, 301);
        var strangerCount = Math.Max(1, bills / 7);
        var strangers = new long[strangerCount];
        var strangerNames = new int[strangerCount];
        var last = BenchmarkDates.Count - 1;
        for (var i = 0; i < strangerCount; i++)
        {
            var male = rng.Chance(0.5);
            var day = last - rng.Next(90 * 365);
            strangers[i] = BenchmarkPopulation.NewKey(rng, population.Table, BenchmarkPlaces.Regions[rng.Next(BenchmarkPlaces.Regions.Length)], day, male);
            strangerNames[i] = BenchmarkNames.Code(BenchmarkNames.Surname(rng), BenchmarkNames.GivenName(rng, male, BenchmarkDates.YearOf(day)));
        }

        var files = new List<SampleFile>(months);
        var resend = new List<Bill>();
        var first = lastMonth.AddMonths(1 - months);
        var number = 0L;
        for (var m = 0; m < months; m++)
        {
            var month = first.AddMonths(m);
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            var count = (bills / months) + (m < bills % months ? 1 : 0);
            var next = new List<Bill>();
            var path = Path.Combine(directory, FileName(month));
            using (var writer = CsvWriter.ToFile(path, BenchmarkData.CsvOptions))
            {
                foreach (var header in Header)
                {
                    writer.WriteField(header);
                }

                writer.EndRecord();
                foreach (var bill in resend)
                {
                    Write(writer, bill);
                }

                for (var i = 0; i < count; i++)
                {
                    long key;
                    int name;
                    if (rng.Chance(MemberShare))
                    {
                        var member = rng.Next(population.Count);
                        (key, name) = (population.Keys[member], BenchmarkPopulation.NameCode(population.Meta[member]));
                    }
                    else
                    {
                        var stranger = rng.Next(strangerCount);
                        (key, name) = (strangers[stranger], strangerNames[stranger]);
                    }

                    var total = 50 + rng.Next(500_000);
                    var fund = total * (40 + rng.Next(41)) / 100;
                    var bill = new Bill(key, name, ++number, new DateOnly(month.Year, month.Month, 1 + rng.Next(days)), total, fund);
                    Write(writer, bill);
                    if (rng.Chance(ResentShare))
                    {
                        next.Add(bill);
                    }
                }
            }

            files.Add(CsvFiles.Describe(directory, FileName(month), count + resend.Count));
            resend = next;
        }

        return files;
    }

    /// <summary>One bill: who, its settlement number and day, its total and the fund's part in fen.</summary>
    private readonly record struct Bill(long Key, int Name, long Number, DateOnly Day, int TotalFen, int FundFen);

    private static void Write(CsvWriter writer, Bill bill)
    {
        Span<byte> buffer = stackalloc byte[64];
        writer.WriteField(buffer[..BenchmarkNames.Write(bill.Name, buffer)]);
        Utf8Id.Write(bill.Key, buffer);
        writer.WriteField(buffer[..Utf8Id.Length]);
        "JS"u8.CopyTo(buffer);
        Utf8Id.WriteDigits(bill.Number, 10, buffer[2..]);
        writer.WriteField(buffer[..12]);
        bill.Day.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteField(buffer[..n]);
        writer.WriteField(buffer[..Yuan(bill.TotalFen, buffer)]);
        writer.WriteField(buffer[..Yuan(bill.FundFen, buffer)]);
        writer.WriteField(buffer[..Yuan(bill.TotalFen - bill.FundFen, buffer)]);
        writer.EndRecord();
    }

    private static int Yuan(int fen, Span<byte> buffer)
    {
        (fen / 100).TryFormat(buffer, out var n, provider: CultureInfo.InvariantCulture);
        buffer[n++] = (byte)'.';
        Utf8Id.WriteDigits(fen % 100, 2, buffer[n..]);
        return n + 2;
    }
}
