using Matching.Storage;

namespace Matching.Storage.Tests;

public sealed class ConnectionSecretsTests
{
    [Theory]
    [InlineData("Host=db;Username=matching;Password=Sekr3tPw;Database=m", "Host=db;Username=matching;Password=***;Database=m")]
    [InlineData("Server=db;User Id=sa;PWD = Sekr3tPw", "Server=db;User Id=sa;PWD=***")]
    [InlineData("Host=db;password=\"Sek;r3t\";Port=5432", "Host=db;password=***;Port=5432")]
    [InlineData("postgres://matching:Sekr3tPw@db:5432/m", "postgres://matching:***@db:5432/m")]
    [InlineData("database data/matching.db does not exist", "database data/matching.db does not exist")]
    public void Mask_PasswordForms_ReplacedByStars(string text, string expected)
    {
        Assert.Equal(expected, ConnectionSecrets.Mask(text));
    }

    [Fact]
    public void Scrub_ProviderQuotesThePasswordAlone_RemovesIt()
    {
        var message = "authentication failed: 'Sekr3tPw' is not the password of matching";

        var scrubbed = ConnectionSecrets.Scrub(message, "Host=db;Username=matching;Password=Sekr3tPw");

        Assert.DoesNotContain("Sekr3tPw", scrubbed, StringComparison.Ordinal);
        Assert.Contains("matching", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsOf_NoPassword_Empty()
    {
        Assert.Empty(ConnectionSecrets.SecretsOf("Data Source=data/matching.db"));
        Assert.Empty(ConnectionSecrets.SecretsOf(null));
    }
}
