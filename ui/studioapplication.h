#pragma once
// The studio's QApplication: the last safety net for exceptions in GUI code. Qt does not carry a
// C++ exception through its event loop (one escaping a slot, an event handler, a timer or a queued
// call ends in std::terminate). notify() is where every event is delivered, so an exception
// thrown anywhere below it is caught here, reported through uncaughtException() (the main window
// shows it in the status bar) and on stderr, and the event loop goes on: the lesson stays usable.
// Boundaries that know more (a job's completion handler, a lesson's status line) catch first.

#include <QApplication>
#include <QString>

namespace ds::ui {

class StudioApplication : public QApplication {
  Q_OBJECT

 public:
  StudioApplication(int& argc, char** argv);

  bool notify(QObject* receiver, QEvent* event) override;

 Q_SIGNALS:
  // What went wrong, in words; emitted on the GUI thread after the failed event.
  void uncaughtException(const QString& message);

 private:
  void report(const QString& what);
};

}  // namespace ds::ui
