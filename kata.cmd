@echo off
rem The Leakproof kata runner for Windows. `kata` watches the current lesson; `kata --help` lists the commands.
rem On first use it builds the runner and installs the toolkit the lessons use (mvn install -Dmaven.test.skip=true).
rem Later, the jar itself rebuilds whenever the workbook's own code is newer than it.
setlocal
set "KATA_ROOT=%~dp0"
if "%KATA_ROOT:~-1%"=="\" set "KATA_ROOT=%KATA_ROOT:~0,-1%"
set "KATA_JAR=%KATA_ROOT%\src\runner\target\leakproof-runner.jar"
set "KATA_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "KATA_JAVA=%JAVA_HOME%\bin\java.exe"

if not exist "%KATA_JAR%" goto build
if not exist "%KATA_ROOT%\src\runner\target\runner-classpath.txt" goto build
goto run

:build
echo kata: building the runner and the leak-testing toolkit (the first time takes a minute or two)... 1>&2
pushd "%KATA_ROOT%"
call mvn -q -B -ntp -Dstyle.color=never install -Dmaven.test.skip=true
set "KATA_BUILD=%ERRORLEVEL%"
popd
if not "%KATA_BUILD%"=="0" (
  echo kata: the build failed ^(see above^). It needs a JDK 17 or newer and Maven 3.8 or newer. 1>&2
  exit /b 2
)

:run
"%KATA_JAVA%" %KATA_JAVA_OPTS% "-Dkata.root=%KATA_ROOT%" -Dkata.mvn=mvn.cmd -jar "%KATA_JAR%" %*
exit /b %ERRORLEVEL%
