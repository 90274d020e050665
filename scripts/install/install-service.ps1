# Installs the Matching package on a Windows server without the internet or the .NET SDK (the package holds its own
# runtime). Run in an elevated PowerShell from the unpacked package folder:
#   .\install-service.ps1 [-InstallDir C:\matching] [-ServiceName MatchingWorker] [-NoService]
# It copies the program to InstallDir, creates the data folders beside it (a Windows service starts in System32, so
# the worker makes its own folder its current folder: jobs\worker.json's relative folders are under InstallDir), puts
# InstallDir on the machine PATH, and registers the worker as a service started after boot (delayed), restarted on
# failure. Safe to run again (an upgrade): the service is stopped, data, jobs\worker.json and matching.json are kept.
param(
    [string]$InstallDir = "C:\matching",
    [string]$ServiceName = "MatchingWorker",
    [switch]$NoService
)
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
if (-not (Test-Path (Join-Path $here "matching.exe"))) { throw "run it from the unpacked package (no matching.exe in $here)" }
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { throw "run it in an elevated PowerShell (Run as administrator)" }

$existing = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($existing -and $existing.Status -ne "Stopped") { Stop-Service -Name $ServiceName; $existing.WaitForStatus("Stopped", "00:05:00") }

New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
$keep = @("matching.json", "data", "drop", "archive", "rejected", "outbox", "logs", "out")
Get-ChildItem -Path $here | Where-Object { -not (($keep -contains $_.Name) -and (Test-Path (Join-Path $InstallDir $_.Name))) -and $_.Name -ne "jobs" } |
    ForEach-Object { Copy-Item -Path $_.FullName -Destination $InstallDir -Recurse -Force }
foreach ($folder in @("data", "drop", "archive", "rejected", "outbox", "logs", "jobs", "out")) {
    New-Item -ItemType Directory -Force -Path (Join-Path $InstallDir $folder) | Out-Null
}
if (-not (Test-Path (Join-Path $InstallDir "jobs\worker.json"))) { Copy-Item (Join-Path $here "jobs\*") (Join-Path $InstallDir "jobs") }

# `matching` on PATH for every new console, and the database every command uses.
$path = [Environment]::GetEnvironmentVariable("Path", "Machine")
if (($path -split ";") -notcontains $InstallDir) { [Environment]::SetEnvironmentVariable("Path", "$path;$InstallDir", "Machine") }
[Environment]::SetEnvironmentVariable("MATCHING_DB", (Join-Path $InstallDir "data\matching.db"), "Machine")

if (-not $NoService) {
    $exe = Join-Path $InstallDir "matching.exe"
    $bin = "`"$exe`" worker --jobs `"$(Join-Path $InstallDir 'jobs\worker.json')`" --db `"$(Join-Path $InstallDir 'data\matching.db')`""
    if (-not $existing) {
        New-Service -Name $ServiceName -BinaryPathName $bin -DisplayName "Matching nightly worker" -StartupType Automatic `
            -Description "低收入人口动态监测 数据比对：每晚导入、比对、导出预警" | Out-Null
    } else {
        & sc.exe config $ServiceName binPath= $bin | Out-Null
    }
    & sc.exe config $ServiceName start= delayed-auto | Out-Null
    & sc.exe failure $ServiceName reset= 86400 actions= restart/30000/restart/30000/restart/30000 | Out-Null
    Write-Host "service $ServiceName registered (not started)"
}

Write-Host "Matching installed in $InstallDir; matching.exe is on PATH for new consoles."
Write-Host "Next:"
Write-Host "  matching init"
Write-Host "  matching doctor --jobs $InstallDir\jobs\worker.json"
Write-Host "  Start-Service $ServiceName"
