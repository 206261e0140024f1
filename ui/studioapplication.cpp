#include "ui/studioapplication.h"

#include "ui/actionlog.h"

#include <cstdio>
#include <exception>

namespace ds::ui {

StudioApplication::StudioApplication(int& argc, char** argv) : QApplication(argc, argv) {}

bool StudioApplication::notify(QObject* receiver, QEvent* event) {
  try {
    return QApplication::notify(receiver, event);
  } catch (const std::exception& e) {
    report(QString::fromUtf8(e.what()));
  } catch (...) {
    report(tr("an unknown error"));
  }
  return false;  // the event counts as not handled
}

void StudioApplication::report(const QString& what) {
  std::fprintf(stderr, "diffusion-studio: error in the user interface (caught, carrying on): %s\n", qPrintable(what));
  // A handler that throws itself must not take the program down either; nor may a report trigger
  // another one without end.
  static thread_local bool reporting = false;
  if (reporting) return;
  reporting = true;
  try {
    ActionLog::instance()->record(QStringLiteral("error"), QStringLiteral("caught: ") + what);  // for crash reports
    Q_EMIT uncaughtException(what);
  } catch (...) {}
  reporting = false;
}

}  // namespace ds::ui
