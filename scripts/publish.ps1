# Builds the self-contained packages for a bureau's offline intranet, as scripts/publish.sh does on Linux:
#   dist\matching-<rid>\ and dist\matching-<rid>.zip (win-x64) or .tar.gz (linux-x64, where tar is on PATH).
# Usage: scripts\publish.ps1 [-Rids win-x64,linux-x64]   (default: both). dist\ is ignored by git.
param([string[]]$Rids = @("linux-x64", "win-x64"))
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$version = (git describe --always --dirty 2>$null); if (-not $version) { $version = "unknown" }
New-Item -ItemType Directory -Force -Path dist | Out-Null
foreach ($rid in $Rids) {
    if ($rid -notin @("linux-x64", "win-x64")) { throw "publish.ps1: $rid`: only linux-x64 and win-x64 are packaged" }
    $out = "dist\matching-$rid"
    Write-Host "publishing $rid into $out (self-contained: the .NET runtime is inside)..."
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $out, "$out.zip", "$out.tar.gz"
    dotnet publish src/Matching.Cli -c Release -r $rid --self-contained -o $out -v q -nologo -p:DebugType=none -p:GenerateDocumentationFile=false -p:DeveloperTools=false
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish failed for $rid" }
    Get-ChildItem -Path $out -Filter *.xml | Remove-Item
    New-Item -ItemType Directory -Force -Path "$out\jobs" | Out-Null
    Copy-Item jobs\worker.json, jobs\README.md "$out\jobs\"
    Copy-Item -Recurse sample-data "$out\sample-data"
    Copy-Item scripts\install\README-INSTALL.md $out
    Set-Content -Path "$out\VERSION" -Value $version
    if ($rid -eq "linux-x64") {
        Copy-Item scripts\matching-worker.service, scripts\install\install.sh $out
        tar -C dist -czf "$out.tar.gz" "matching-$rid"
    } else {
        Copy-Item scripts\install\install-service.ps1 $out
        Compress-Archive -Path $out -DestinationPath "$out.zip"
    }
    Write-Host "$out`: done"
}
