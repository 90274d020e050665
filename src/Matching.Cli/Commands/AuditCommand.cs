using System.CommandLine;
using System.Globalization;
using Matching.Cli.Audit;
using Matching.Cli.Localization;
using Matching.Core.Errors;
using Matching.Core.Identity;
using Matching.Storage;

namespace Matching.Cli.Commands;

/// <summary>
/// <c>matching audit [--since D] [--subject ID] [--user U] [--full]</c>: the access audit, oldest first: who saw or
/// took out whose personal data, when, with what and where to. Subjects' IDs are masked unless <c>--full</c>, which
/// is itself recorded before anything is printed.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CommandGuard guard)
    {
        var since = new Option<string?>("--since") { Description = Text.Get("HelpAudit_since") };
        var subject = new Option<string?>("--subject") { Description = Text.Get("HelpAudit_subject") };
        var user = new Option<string?>("--user") { Description = Text.Get("HelpAudit_user") };
        var full = new Option<bool>("--full") { Description = Text.Get("HelpAudit_full") };
        var command = new Command("audit", Text.Get("HelpAudit_command"));
        command.Options.Add(since);
        command.Options.Add(subject);
        command.Options.Add(user);
        command.Options.Add(full);
        command.SetAction((parse, ct) => guard(parse,
            (c, t) => RunAsync(c, parse.GetValue(since), parse.GetValue(subject), parse.GetValue(user), parse.GetValue(full), t), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? sinceText, string? subjectText, string? user, bool full, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = OptionValues.Date(sinceText, "--since") is { } day
            ? TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), context.Time.LocalTimeZone)
            : null;
        string? subject = null;
        if (subjectText is not null)
        {
            var parsed = IdParser.Parse(subjectText);
            subject = parsed.IsValid ? parsed.Id.Value : throw new MatchingException(Text.Format("ErrSubjectInvalid", IdNumber.Mask(subjectText.Trim()), parsed.Reason));
        }

        await using var store = await context.OpenStoreAsync(cancellationToken);
        var records = await store.Access.ListAsync(since, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), cancellationToken);
        if (subject is not null)
        {
            var single = AccessRecord.HashOf([subject]);
            records = [.. records.Where(r => r.SubjectHash == single || SubjectsOf(r).Contains(subject, StringComparer.Ordinal))];
        }

        if (full)
        {
            var shown = records.SelectMany(SubjectsOf).ToList();
            await AccessAudit.RecordAsync(store, new AccessAudit(context.Stores, context.Time).New("audit", fullIds: true).WithSubjects(shown) with
            {
                Detail = Text.Format("AuditDetailAudit", records.Count,
                    sinceText is null ? string.Empty : Text.Format("AuditDetailSince", sinceText), user is null ? string.Empty : Text.Format("AuditDetailOf", user)),
            }, cancellationToken);
        }

        var write = context.Out;
        await write.WriteLineAsync(Text.Format(full ? "AuditHeader" : "AuditHeaderMasked", records.Count));
        foreach (var r in records)
        {
            var at = TimeZoneInfo.ConvertTime(r.At, context.Time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var subjects = SubjectsOf(r).Select(id => full ? id : IdNumber.Mask(id)).ToList();
            await write.WriteLineAsync(Text.Format("AuditLine", r.AuditId, at, DisplayText.Escape(r.OsUser), DisplayText.Escape(r.Host), r.Command, Text.Get(r.FullIds ? "AuditFullIds" : "AuditMasked"), r.SubjectCount, Text.Get(r.Outcome == AccessOutcome.Refused ? "AuditOutcomeRefused" : "AuditOutcomeOk")));
            if (subjects.Count > 0)
            {
                await write.WriteLineAsync(Text.Format("AuditSubjects", string.Join(' ', subjects)));
            }

            if (r.OutputPath is not null)
            {
                await write.WriteLineAsync(Text.Format("AuditFile", DisplayText.Escape(r.OutputPath), r.OutputSha256 is null ? string.Empty : " sha256 " + r.OutputSha256));
            }

            if (!string.IsNullOrEmpty(r.Detail))
            {
                await write.WriteLineAsync($"    {DisplayText.Escape(r.Detail)}");
            }
        }

        return CliApp.Ok;
    }

    private static string[] SubjectsOf(AccessRecord record) =>
        record.Subjects?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
