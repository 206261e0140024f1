#pragma once
// A report when the program dies (issue 13). On SIGSEGV, SIGABRT, SIGBUS, SIGFPE and SIGILL, and
// on std::terminate, a short text file DATA/crash-YYYYMMDD-HHMMSS.txt (local time) is written:
// how the program died, when, its version, the Qt and LibTorch versions, the open lesson and the
// last user actions (ActionLog). Its path goes to stderr; then the default handler is restored
// and the signal raised again, so the program dies of it as before (exit status, core dump).
// The next start tells the user where the report is (ui/recovery.h).
//
// A signal handler may only make async-signal-safe calls, so nothing is formatted there: the
// report's text is rendered into a static buffer on the GUI thread whenever the log or the
// lesson changes (two buffers, the finished one published with an atomic index), and the handler
// only builds the file name from time() and a pre-computed UTC offset, then open/write/close.

#include <QString>
#include <QStringList>

namespace ds::ui::crash {

// Installs the handlers and creates `dataFolder` (once; a second call only changes the folder).
void install(const QString& dataFolder);
bool isInstalled();

// Renders the report text from ActionLog now (install() connects this to its `changed`).
void updateReport();

// The crash reports in `dataFolder`, newest first (their file names sort by time).
QStringList reportsIn(const QString& dataFolder);
// The report's "Died of" line without the label, e.g. "SIGSEGV (invalid memory access)"; empty
// when the file cannot be read or has none.
QString causeOf(const QString& reportPath);

// Dies on purpose, for the test of the handler (the hidden DS_STUDIO_CRASH_TEST of
// diffusion-studio): "segv" writes through a null pointer, "abort" calls std::abort, "terminate"
// throws an exception nobody catches. Anything else returns false.
bool crashForTest(const QString& how);

}  // namespace ds::ui::crash
