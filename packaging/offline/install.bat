@echo off
rem Install or upgrade mpa-tui from this folder alone (no internet needed).
rem Double-click it, or run it in a terminal. Never touches the data folder
rem (%LOCALAPPDATA%\mpa-tui): sessions stay as they are.
setlocal EnableExtensions
set "HERE=%~dp0"
set "RC=1"
rem The py launcher comes with every python.org install; "py -3.12" runs exactly 3.12.
for %%V in (@PY_WIN_DESC@) do (
    py -%%V -c "import sys" >nul 2>nul && (
        py -%%V "%HERE%install.py" %*
        goto :done
    )
)
python --version >nul 2>nul && (
    python "%HERE%install.py" %*
    goto :done
)
echo GAGAL: perlu Python @PY_WIN_OR@ dari python.org (centang "Add python.exe to PATH").
echo   FAILED: Python @PY_WIN_OR@ from python.org is needed (tick "Add python.exe to PATH").
goto :end
:done
set "RC=%errorlevel%"
:end
rem Keep the window open when the file was double-clicked, so the messages can be read.
pause
exit /b %RC%
