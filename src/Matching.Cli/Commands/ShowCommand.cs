using System.CommandLine;
using System.Globalization;
using Matching.Cli.Audit;
using Matching.Cli.Localization;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Core.Population;
using Matching.Core.Rules;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching show &lt;id&gt;</c>: one person's aid chain: their household(s), categories, aid received, and every
/// warning about them or their household with its history and dispositions, in order. IDs and names are masked
/// unless <c>--full</c>; <c>--full</c> is recorded in the access audit before anything is printed, and refused when
/// it cannot be.
/// </summary>
internal static class ShowCommand
{
    public static Command Create(CommandGuard guard)
    {
        var id = new Argument<string?>("id")
        {
            Description = Text.Get("HelpShow_id"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        var warning = new Option<long?>("--warning") { Description = Text.Get("HelpShow_warning") };
        var full = new Option<bool>("--full") { Description = Text.Get("HelpShow_full") };
        var command = new Command("show", Text.Get("HelpShow_command"));
        command.Arguments.Add(id);
        command.Options.Add(warning);
        command.Options.Add(full);
        command.SetAction((parse, ct) => guard(parse, (c, t) =>
        {
            var text = parse.GetValue(id);
            if (parse.GetValue(warning) is { } number)
            {
                return WarningAsync(c, number, parse.GetValue(full), t);
            }

            if (text is null)
            {
                throw new MatchingException(Text.Get("ErrShowNeedsId"));
            }

            // A warning number is a row id of up to 10 digits; an ID has 15 or 18 characters.
            var trimmed = text.Trim();
            return trimmed.Length is > 0 and <= MaxWarningDigits && trimmed.All(char.IsAsciiDigit)
                ? WarningAsync(c, long.Parse(trimmed, CultureInfo.InvariantCulture), parse.GetValue(full), t)
                : RunAsync(c, text, parse.GetValue(full), t);
        }, ct));
        return command;
    }

    private const int MaxWarningDigits = 10;

    /// <summary>
    /// One warning by its number, whoever its subject (also one whose ID no fallback could resolve): the warning, its
    /// history and answers; then, where its subject is a valid ID, that person's whole chain.
    /// </summary>
    public static async Task<int> WarningAsync(CliContext context, long warningId, bool full, CancellationToken cancellationToken)
    {
        StoredWarning? w;
        IReadOnlyList<Storage.WarningEvent> events;
        await using (var store = await context.OpenStoreAsync(cancellationToken))
        {
            w = await store.Warnings.ByIdAsync(warningId, cancellationToken)
                ?? throw new MatchingException(Text.Format("ErrNoWarning", warningId));
            events = await store.Warnings.EventsAsync([warningId], cancellationToken);
            if (full)
            {
                // On record before anything is printed: a record that cannot be written refuses the command.
                await AccessAudit.RecordAsync(store, new AccessAudit(context.Stores, context.Time).New("show", fullIds: true).WithSubjects([w.IdText.Length > 0 ? w.IdText : w.Subject])
                    with { Detail = Text.Format("AuditDetailWarning", warningId) }, cancellationToken);
            }
        }

        var write = context.Out;
        var name = DisplayText.Escape(full || w.Name.Length == 0 ? w.Name : w.Name[0] + new string('*', w.Name.Length - 1));
        var receiver = context.Rules.Receivers.GetValueOrDefault(w.Receiver, w.Receiver);
        await write.WriteLineAsync(Text.Format("ShowWarningHead", w.WarningId, w.Code, w.Label, w.Receiver, receiver, w.Status.Text(), w.FirstDate));
        await write.WriteLineAsync(Text.Format("ShowSubject", full ? DisplayText.Escape(w.IdText) : IdNumber.Mask(w.IdText), name, w.Department,
            w.SourceRow is { } row ? Text.Format("ShowSubjectRow", row) : string.Empty,
            w.HouseholdId.Length > 0 ? Text.Format("ShowSubjectHousehold", DisplayText.Escape(w.HouseholdId)) : string.Empty));
        await write.WriteLineAsync($"  {DisplayText.Escape(w.Detail)}");
        if (w.Disposition is { } answer)
        {
            await write.WriteLineAsync($"  处理结果：{DisplayText.Escape(answer)}{(w.DispositionDate is { } d ? $"（{d}）" : string.Empty)}");
        }

        foreach (var e in events)
        {
            var source = e.RunId is { } run ? Text.Format("ShowSourceRun", run) : Text.Get("ShowSourceFeedback");
            await write.WriteLineAsync("  " + Text.Format("ShowEvent", context.Clock.Show(e.At), e.Status.Text(), source, e.Note.Length > 0 ? " " + DisplayText.Escape(e.Note) : string.Empty));
        }

        if (IdParser.Parse(w.Subject) is { IsValid: true } subject)
        {
            await write.WriteLineAsync();
            return await RunAsync(context, subject.Id.Value, full, cancellationToken, audited: full);
        }

        await write.WriteLineAsync(Text.Get("ShowNoChain"));
        return CliApp.Ok;
    }

    /// <summary>One person's chain; <paramref name="audited"/>: the access is on record already (<see cref="WarningAsync"/> recorded it).</summary>
    public static async Task<int> RunAsync(CliContext context, string idText, bool full, CancellationToken cancellationToken, bool audited = false)
    {
        var parsed = IdParser.Parse(idText);
        if (!parsed.IsValid)
        {
            throw new MatchingException(Text.Format("ShowInvalidId", IdNumber.Mask(idText.Trim()), parsed.Reason));
        }

        var id = parsed.Id.Value;
        string Id(string text) => full ? text : IdNumber.Mask(text);
        string Name(string text) => DisplayText.Escape(full || text.Length == 0 ? text : text[0] + new string('*', text.Length - 1));

        // Everything else printed here came from a file: a line break in a cell must not forge a line.
        static string E(string? text) => DisplayText.Escape(text);

        await using var store = await context.OpenStoreAsync(cancellationToken);
        var entries = await store.Population.HouseholdEntriesAsync(parsed.Id.Key, cancellationToken);
        if (full && !audited)
        {
            // On record before anything is printed: a record that cannot be written refuses the command.
            await AccessAudit.RecordAsync(store, new AccessAudit(context.Stores, context.Time).New("show", fullIds: true).WithSubjects([id, .. entries.Select(e => e.IdText)]), cancellationToken);
        }

        var write = context.Out;
        var self = entries.Where(e => e.IdText == id).ToList();
        await write.WriteLineAsync(self.Count == 0
            ? Text.Format("ShowNotListed", Id(id))
            : Text.Format(self.Count > 1 ? "ShowListedMany" : "ShowListedOne", Id(id), Name(self[0].Name), self.Count));
        foreach (var household in entries.GroupBy(e => e.HouseholdId))
        {
            var h = household.First();
            var income = h.AnnualIncome is { } i ? RuleText.Yuan(i) + " 元" : "未知";
            await write.WriteLineAsync();
            await write.WriteLineAsync(Text.Format("ShowHousehold", E(h.HouseholdId), Text.Get(h.HouseholdActive ? "ShowHouseholdActive" : "ShowHouseholdGone"), E(h.Subdistrict), E(h.Village), income, h.HousingDifficulty ? "是" : "否"));
            await write.WriteLineAsync(Text.Format("ShowAid", OrDash(RuleText.Aid(Codes.ParseAid(h.Aid)))));
            foreach (var m in household)
            {
                var flags = string.Join(' ', new[] { m.SeriousIllness ? "重病" : null, m.SevereDisability ? "重度残疾" : null, m.Active ? null : Text.Get("ShowMemberGone") }.Where(f => f is not null));
                await write.WriteLineAsync($"  {(m.IdText == id ? "*" : " ")} {Id(m.IdText)} {Name(m.Name),-6} {E(m.Relation),-4} {OrDash(RuleText.Categories(Codes.ParseCategories(m.Categories)))} {flags}".TrimEnd());
            }
        }

        var warnings = await store.Warnings.AboutAsync(id, [.. entries.Select(e => e.HouseholdId).Distinct(StringComparer.Ordinal)], cancellationToken);
        var events = (await store.Warnings.EventsAsync([.. warnings.Select(w => w.WarningId)], cancellationToken)).ToLookup(e => e.WarningId);
        await write.WriteLineAsync();
        await write.WriteLineAsync(Text.Format("ShowWarnings", warnings.Count));
        foreach (var w in warnings)
        {
            var about = w.IdText == id || w.Subject == id ? string.Empty : Text.Format("ShowAboutMember", Id(w.IdText));
            await write.WriteLineAsync(Text.Format("ShowWarningLine", w.WarningId, w.Code, w.Label, w.Receiver, w.Status.Text(), w.FirstDate, about));
            // Details state facts (categories, amounts, household numbers), never an ID or a name.
            await write.WriteLineAsync($"      {E(w.Detail)}");
            foreach (var e in events[w.WarningId])
            {
                var source = e.RunId is { } run ? Text.Format("ShowSourceRun", run) : Text.Get("ShowSourceFeedback");
                await write.WriteLineAsync("      " + Text.Format("ShowEvent", context.Clock.Show(e.At), e.Status.Text(), source, e.Note.Length > 0 ? " " + E(e.Note) : string.Empty));
            }
        }

        return CliApp.Ok;
    }

    private static string OrDash(string text) => text.Length == 0 ? "—" : text;
}
