#pragma once
// Work survives a crash (issue 13). Each lesson's autosaveSnapshot() (drawn points, a painted
// mask, a model not saved yet) is written when it changed: every interval (30 s) and at once when
// the lesson asks (a training run ended). The files go to this session's folder in the user's
// data folder, each one written atomically:
//
//   DATA/autosave/session-YYYYMMDD-HHMMSS-PID/lock           held (QLockFile) while this session runs
//   DATA/autosave/session-…/LESSON/about.json                what it holds and when, written last
//   DATA/autosave/session-…/LESSON/…                         the lesson's own files
//
// The copies are taken on the GUI thread and written by a worker (a JobTracker), so a large model
// does not stall the window. A clean exit (finish()) removes the session's folder. A session
// folder whose lock no running program holds belongs to a session that did not end cleanly: the
// next start lists its work (found()) and offers it back; restore() puts it into the lessons and
// discardFound() deletes it. Folders of a program still running are left alone.

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QLockFile;
class QTimer;

namespace ds::ui {

class JobTracker;
class Lesson;

class Autosave : public QObject {
  Q_OBJECT

 public:
  static constexpr int kDefaultIntervalMs = 30000;

  // One lesson's work in the folder of an earlier session.
  struct Found {
    QString folder;  // DATA/autosave/session-…/LESSON
    QString lessonId;
    QString lessonTitle;
    QStringList items;  // as the lesson described them, e.g. "412 drawn points"
    QDateTime saved;
  };

  // `dataFolder` is the user's data folder (the autosaves go to its "autosave" folder). The
  // lessons must outlive this object. Scans for earlier sessions' work at once (found()).
  Autosave(const QString& dataFolder, std::vector<Lesson*> lessons, int intervalMs = kDefaultIntervalMs,
           QObject* parent = nullptr);
  ~Autosave() override;

  QString root() const { return m_root; }
  QString sessionFolder() const { return m_session; }  // created with the first write
  const std::vector<Found>& found() const { return m_found; }

  // Puts the newest found work of each lesson back; `restored` gets one line per lesson that took
  // it, `failures` one per lesson that could not (the reason). The folders of earlier sessions
  // are deleted once their work is written into this session's folder; ones that failed stay.
  void restore(QStringList* restored, QStringList* failures);
  // Deletes the found folders of earlier sessions.
  void discardFound();

  // Writes every lesson whose work changed since the last write, now (on the worker).
  void writeNow();
  bool isWriting() const;
  bool waitForWrites(int msecs);
  // A clean exit: waits for a running write, then removes this session's folder.
  void finish();

 Q_SIGNALS:
  void written();                       // a write ended well
  void failed(const QString& message);  // a write failed; the work stays marked as changed

 private:
  struct Task;
  void scan();
  void markChanged(Lesson* lesson, bool now);
  void submitWrite();
  bool ensureSession(QString* error);
  void releaseFound(const QString& sessionFolder);

  QString m_root;
  std::vector<Lesson*> m_lessons;
  QSet<Lesson*> m_changed;
  QTimer* m_timer = nullptr;
  JobTracker* m_writer = nullptr;
  QString m_session;
  std::unique_ptr<QLockFile> m_lock;
  std::vector<Found> m_found;
  // Locks of earlier sessions' folders, held while their work is offered (so a second program
  // started meanwhile does not offer it too).
  std::vector<std::pair<QString, std::unique_ptr<QLockFile>>> m_foundLocks;
  QStringList m_removeAfterWrite;  // restored sessions, deleted after the next good write
  bool m_finished = false;
};

}  // namespace ds::ui
