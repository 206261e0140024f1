#include "ui/crashhandler.h"

#include "ui/actionlog.h"

#include <torch/version.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QtGlobal>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <thread>

namespace ds::ui::crash {

namespace {

// ---- State shared with the handlers: plain static storage, written only on the GUI thread.

constexpr std::size_t kReportBytes = 16 * 1024;
constexpr std::size_t kFolderBytes = 2048;
constexpr int kSignals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};

char g_report[2][kReportBytes];
std::size_t g_reportLength[2] = {0, 0};
std::atomic<int> g_published{-1};  // which buffer the handler reads; -1 before the first render
char g_folder[kFolderBytes];
std::atomic<bool> g_folderSet{false};
std::atomic<long> g_utcOffset{0};  // seconds east of UTC, refreshed with every render
std::atomic<bool> g_dying{false};  // the first fatal event writes the report; later ones only die
bool g_installed = false;
alignas(16) char g_altStack[64 * 1024];  // the handler's stack, so a stack overflow is reported too

// ---- Async-signal-safe helpers: no allocation, no locks, no stdio.

struct Text {
  char* data;
  std::size_t size;
  std::size_t length = 0;
  void add(const char* s) {
    while (*s && length + 1 < size) data[length++] = *s++;
    data[length] = '\0';
  }
  void addNumber(long long value, int width) {
    char digits[24];
    int n = 0;
    const bool negative = value < 0;
    unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(value) : value;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v && n < 23);
    while (n < width && n < 23) digits[n++] = '0';
    if (negative) add("-");
    while (n > 0 && length + 1 < size) data[length++] = digits[--n];
    data[length] = '\0';
  }
};

void writeAll(int fd, const char* data, std::size_t length) {
  while (length > 0) {
    const ssize_t n = ::write(fd, data, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    length -= static_cast<std::size_t>(n);
  }
}

void writeString(int fd, const char* s) { writeAll(fd, s, std::strlen(s)); }

// The civil date of a day count since 1970-01-01 (H. Hinnant's days-to-civil algorithm).
void civilFromDays(long long z, long long& year, int& month, int& day) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

struct LocalTime {
  long long year;
  int month, day, hour, minute, second;
};

LocalTime localNow() {
  const long long t = static_cast<long long>(::time(nullptr)) + g_utcOffset.load();
  long long days = t / 86400, secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  LocalTime lt{};
  civilFromDays(days, lt.year, lt.month, lt.day);
  lt.hour = static_cast<int>(secs / 3600);
  lt.minute = static_cast<int>(secs / 60 % 60);
  lt.second = static_cast<int>(secs % 60);
  return lt;
}

const char* signalName(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "SIGSEGV (invalid memory access)";
    case SIGABRT:
      return "SIGABRT (the program aborted)";
    case SIGBUS:
      return "SIGBUS (bad memory access)";
    case SIGFPE:
      return "SIGFPE (arithmetic error)";
    case SIGILL:
      return "SIGILL (illegal instruction)";
    default:
      return "a fatal signal";
  }
}

// Writes the report: the cause, the time, then the pre-rendered text. Prints where it went.
void writeReport(const char* cause, const char* detail) {
  char path[kFolderBytes + 64];
  const LocalTime lt = localNow();
  int fd = -1;
  Text name{path, sizeof path};
  for (int attempt = 0; attempt < 10 && fd < 0; ++attempt) {
    name.length = 0;
    name.add(g_folderSet.load() ? g_folder : ".");
    name.add("/crash-");
    name.addNumber(lt.year, 4);
    name.addNumber(lt.month, 2);
    name.addNumber(lt.day, 2);
    name.add("-");
    name.addNumber(lt.hour, 2);
    name.addNumber(lt.minute, 2);
    name.addNumber(lt.second, 2);
    if (attempt > 0) {  // two reports within one second (a child process, a second crash)
      name.add("-");
      name.addNumber(attempt + 1, 1);
    }
    name.add(".txt");
    fd = ::open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd >= 0) {
    char head[512];
    Text h{head, sizeof head};
    h.add("Diffusion Studio crash report\n\nDied of:   ");
    h.add(cause);
    if (detail && *detail) {
      h.add(": ");
      h.add(detail);
    }
    h.add("\nAt:        ");
    h.addNumber(lt.year, 4);
    h.add("-");
    h.addNumber(lt.month, 2);
    h.add("-");
    h.addNumber(lt.day, 2);
    h.add(" ");
    h.addNumber(lt.hour, 2);
    h.add(":");
    h.addNumber(lt.minute, 2);
    h.add(":");
    h.addNumber(lt.second, 2);
    h.add(" (local time)\n");
    writeAll(fd, head, h.length);
    const int published = g_published.load(std::memory_order_acquire);
    if (published >= 0) writeAll(fd, g_report[published], g_reportLength[published]);
    else writeString(fd, "(the program died before its first window was up)\n");
    ::fsync(fd);
    ::close(fd);
    writeString(2, "diffusion-studio: fatal error: ");
    writeString(2, cause);
    writeString(2, "; a crash report was written to ");
    writeString(2, path);
    writeString(2, "\n");
  } else {
    writeString(2, "diffusion-studio: fatal error: ");
    writeString(2, cause);
    writeString(2, "; the crash report could not be written to ");
    writeString(2, g_folderSet.load() ? g_folder : ".");
    writeString(2, "\n");
  }
}

void resetToDefault(int sig) {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  ::sigaction(sig, &action, nullptr);
}

extern "C" void onFatalSignal(int sig) {
  const int savedErrno = errno;
  if (!g_dying.exchange(true)) writeReport(signalName(sig), nullptr);
  // Die of the same signal with the default action: it is blocked while this handler runs, so it
  // is delivered when the handler returns (a hardware fault also recurs at the same instruction).
  resetToDefault(sig);
  errno = savedErrno;
  ::raise(sig);
}

void onTerminate() {
  // Not a signal context: the exception's message may be read here.
  static char what[512];
  what[0] = '\0';
  if (std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      std::strncpy(what, ex.what(), sizeof what - 1);
      what[sizeof what - 1] = '\0';
    } catch (...) {
      std::strncpy(what, "an exception that is not a std::exception", sizeof what - 1);
    }
  }
  if (!g_dying.exchange(true))
    writeReport(what[0] ? "std::terminate (an exception nobody caught)" : "std::terminate", what);
  resetToDefault(SIGABRT);  // the report is written; abort() must not write a second one
  std::abort();
}

QString renderReport() {
  QString text;
  auto line = [&text](const QString& label, const QString& value) {
    text += (label + QLatin1Char(':')).leftJustified(11) + value + QLatin1Char('\n');
  };
  line(QStringLiteral("Program"),
       QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion()));
  line(QStringLiteral("Qt"),
       QStringLiteral("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
  line(QStringLiteral("LibTorch"), QStringLiteral(TORCH_VERSION));
  line(QStringLiteral("System"),
       QStringLiteral("%1, %2").arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture()));
  line(QStringLiteral("Process"), QString::number(QCoreApplication::applicationPid()));
  const ActionLog* log = ActionLog::instance();
  for (const auto& [key, value] : log->details()) line(key, value);
  const std::vector<ActionLog::Entry> entries = log->entries();
  text += QStringLiteral("\nLast actions (oldest first):\n");
  if (entries.empty()) text += QStringLiteral("  (none)\n");
  for (const ActionLog::Entry& e : entries) {
    const QString repeats =
        e.repeats > 1 ? QStringLiteral(" (%1 times, the last at this time)").arg(e.repeats) : QString();
    text += QStringLiteral("  %1  %2 %3%4\n")
                .arg(e.when.toString(QStringLiteral("HH:mm:ss.zzz")), e.kind.leftJustified(7), e.text, repeats);
  }
  text += QStringLiteral("\nPlease attach this file when you report the problem.\n");
  return text;
}

}  // namespace

void install(const QString& dataFolder) {
  QDir().mkpath(dataFolder);
  const QByteArray folder = QFile::encodeName(QDir(dataFolder).absolutePath());
  if (static_cast<std::size_t>(folder.size()) < kFolderBytes) {
    g_folderSet.store(false);
    std::memcpy(g_folder, folder.constData(), static_cast<std::size_t>(folder.size()) + 1);
    g_folderSet.store(true);
  }
  updateReport();
  if (g_installed) return;
  g_installed = true;

  stack_t stack{};
  stack.ss_sp = g_altStack;
  stack.ss_size = sizeof g_altStack;
  ::sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = onFatalSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_ONSTACK;
  for (int sig : kSignals) ::sigaction(sig, &action, nullptr);
  std::set_terminate(onTerminate);
  QObject::connect(ActionLog::instance(), &ActionLog::changed, ActionLog::instance(), &updateReport);
}

bool isInstalled() { return g_installed; }

void updateReport() {
  const QByteArray text = renderReport().toUtf8();
  g_utcOffset.store(QDateTime::currentDateTime().offsetFromUtc());
  // Render into the buffer the handler is not reading, then publish it.
  const int next = g_published.load() == 0 ? 1 : 0;
  const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(text.size()), kReportBytes - 1);
  std::memcpy(g_report[next], text.constData(), n);
  g_report[next][n] = '\0';
  g_reportLength[next] = n;
  g_published.store(next, std::memory_order_release);
}

QStringList reportsIn(const QString& dataFolder) {
  if (dataFolder.isEmpty()) return {};
  const QDir dir(dataFolder);
  QStringList names = dir.entryList({QStringLiteral("crash-*.txt")}, QDir::Files, QDir::Name | QDir::Reversed);
  for (QString& name : names) name = dir.absoluteFilePath(name);
  return names;
}

QString causeOf(const QString& reportPath) {
  QFile file(reportPath);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return {};
  for (int i = 0; i < 10 && !file.atEnd(); ++i) {
    const QString line = QString::fromUtf8(file.readLine(4096)).trimmed();
    if (line.startsWith(QLatin1String("Died of:"))) return line.mid(8).trimmed();
  }
  return {};
}

bool crashForTest(const QString& how) {
  if (how == QLatin1String("segv")) {
    // Read at run time, so the compiler cannot see the null pointer and turn the store into a trap.
    static volatile std::uintptr_t nowhere = 0;
    *reinterpret_cast<volatile int*>(nowhere) = 1;
    return true;
  }
  if (how == QLatin1String("abort")) std::abort();
  if (how == QLatin1String("terminate")) {
    std::thread([] { throw std::runtime_error("a deliberate failure for the crash handler's test"); }).join();
    return true;
  }
  return false;
}

}  // namespace ds::ui::crash
