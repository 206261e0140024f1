#include "ui/autosave.h"

#include "ui/jobtracker.h"
#include "ui/lesson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <utility>

namespace ds::ui {

namespace {

const QString kAbout = QStringLiteral("about.json");
const QString kLock = QStringLiteral("lock");

std::unique_ptr<QLockFile> makeLock(const QString& folder) {
  auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(kLock));
  // Stale only when the process that holds it is gone, however long a session runs.
  lock->setStaleLockTime(0);
  return lock;
}

// A lesson's folder goes without leaving a half: about.json first, so that a folder interrupted
// while being removed is not offered.
void removeLessonFolder(const QString& folder) {
  QFile::remove(QDir(folder).filePath(kAbout));
  QDir(folder).removeRecursively();
}

void writeAbout(const QString& folder, const QString& id, const QString& title, const QStringList& items) {
  QJsonObject about;
  about[QStringLiteral("lesson")] = id;
  about[QStringLiteral("title")] = title;
  about[QStringLiteral("items")] = QJsonArray::fromStringList(items);
  about[QStringLiteral("saved")] = QDateTime::currentDateTime().toString(Qt::ISODate);
  QSaveFile file(QDir(folder).filePath(kAbout));
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(about).toJson()) < 0 || !file.commit())
    throw std::runtime_error(
        QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()).toStdString());
}

}  // namespace

struct Autosave::Task {
  QString folder;
  QString lessonId;
  QString title;
  AutosaveSnapshot snapshot;
};

namespace {

struct WriteReport {
  QStringList failedLessons;  // ids
  QStringList messages;
};

}  // namespace

Autosave::Autosave(const QString& dataFolder, std::vector<Lesson*> lessons, int intervalMs, QObject* parent)
    : QObject(parent),
      m_root(QDir(dataFolder).filePath(QStringLiteral("autosave"))),
      m_lessons(std::move(lessons)),
      m_timer(new QTimer(this)),
      m_writer(new JobTracker(nullptr, this)) {
  m_writer->setObjectName(QStringLiteral("autosaveWriter"));
  for (Lesson* lesson : m_lessons)
    connect(lesson, &Lesson::autosaveNeeded, this, [this, lesson](bool now) { markChanged(lesson, now); });
  m_timer->setInterval(std::max(1, intervalMs));
  connect(m_timer, &QTimer::timeout, this, [this] {
    if (!m_changed.isEmpty()) writeNow();
  });
  m_timer->start();
  scan();
}

Autosave::~Autosave() {
  // Not a clean exit (finish() was not called): the folder stays for the next start. The writer
  // (a child) cancels and joins; releasing the lock marks the folder as left behind.
  m_writer->cancelAndWait();
}

void Autosave::scan() {
  const QDir root(m_root);
  if (!root.exists()) return;
  for (const QString& name : root.entryList({QStringLiteral("session-*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
    const QString folder = root.filePath(name);
    if (folder == m_session) continue;
    std::unique_ptr<QLockFile> lock = makeLock(folder);
    if (!lock->tryLock(0)) continue;  // a running program's session
    std::vector<Found> work;
    for (Lesson* lesson : m_lessons) {
      const QString lessonFolder = QDir(folder).filePath(lesson->id());
      QFile file(QDir(lessonFolder).filePath(kAbout));
      if (!file.open(QIODevice::ReadOnly)) continue;
      const QJsonObject about = QJsonDocument::fromJson(file.readAll()).object();
      Found f;
      f.folder = lessonFolder;
      f.lessonId = lesson->id();
      f.lessonTitle = about.value(QStringLiteral("title")).toString(lesson->title());
      for (const QJsonValue& item : about.value(QStringLiteral("items")).toArray()) f.items << item.toString();
      f.saved = QDateTime::fromString(about.value(QStringLiteral("saved")).toString(), Qt::ISODate);
      if (!f.saved.isValid()) f.saved = QFileInfo(file).lastModified();
      work.push_back(std::move(f));
    }
    if (work.empty()) {
      // A session that ended without a clean exit but had nothing to keep.
      lock.reset();
      QDir(folder).removeRecursively();
      continue;
    }
    for (Found& f : work) m_found.push_back(std::move(f));
    m_foundLocks.emplace_back(folder, std::move(lock));
  }
  std::sort(m_found.begin(), m_found.end(), [](const Found& a, const Found& b) { return a.saved > b.saved; });
}

void Autosave::restore(QStringList* restored, QStringList* failures) {
  // The newest work of each lesson (m_found is sorted newest first).
  QSet<QString> done;
  QSet<QString> keep;  // session folders with work that did not come back
  for (const Found& f : m_found) {
    if (done.contains(f.lessonId)) continue;
    done.insert(f.lessonId);
    const auto it =
        std::find_if(m_lessons.begin(), m_lessons.end(), [&](const Lesson* l) { return l->id() == f.lessonId; });
    if (it == m_lessons.end()) continue;
    QString error;
    bool ok = false;
    try {
      ok = (*it)->restoreAutosave(f.folder, &error);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    const QString line = QStringLiteral("%1: %2").arg(f.lessonTitle, ok ? f.items.join(QStringLiteral(", ")) : error);
    if (ok) {
      if (restored) *restored << line;
      markChanged(*it, false);
    } else {
      if (failures) *failures << line;
      keep.insert(QFileInfo(f.folder).absolutePath());
    }
  }
  std::vector<Found> left;
  for (Found& f : m_found)
    if (keep.contains(QFileInfo(f.folder).absolutePath())) left.push_back(std::move(f));
  m_found = std::move(left);
  for (const auto& [folder, lock] : m_foundLocks)
    if (!keep.contains(folder)) m_removeAfterWrite << folder;
  writeNow();
}

void Autosave::discardFound() {
  QStringList folders;
  for (const auto& entry : m_foundLocks) folders << entry.first;
  for (const QString& folder : folders) {
    releaseFound(folder);
    QDir(folder).removeRecursively();
  }
  m_found.clear();
}

void Autosave::releaseFound(const QString& sessionFolder) {
  m_foundLocks.erase(std::remove_if(m_foundLocks.begin(), m_foundLocks.end(),
                                    [&](const auto& entry) { return entry.first == sessionFolder; }),
                     m_foundLocks.end());
}

void Autosave::markChanged(Lesson* lesson, bool now) {
  if (m_finished) return;
  m_changed.insert(lesson);
  if (now) writeNow();
}

void Autosave::writeNow() {
  if (m_finished) return;
  // Never supersede a running write: wait for it, then write what is newest then.
  m_writer->submitWhenIdle([this] { submitWrite(); });
}

bool Autosave::isWriting() const { return m_writer->isBusy(); }

bool Autosave::waitForWrites(int msecs) { return m_writer->waitForIdle(msecs); }

bool Autosave::ensureSession(QString* error) {
  if (m_lock) return true;
  static std::atomic<int> counter{0};  // two windows of one process in the same second
  const QString name = QStringLiteral("session-%1-%2-%3")
                           .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                           .arg(QCoreApplication::applicationPid())
                           .arg(++counter);
  const QString folder = QDir(m_root).filePath(name);
  if (!QDir().mkpath(folder)) {
    if (error) *error = tr("cannot create the folder %1").arg(QDir::toNativeSeparators(folder));
    return false;
  }
  std::unique_ptr<QLockFile> lock = makeLock(folder);
  if (!lock->tryLock(0)) {
    if (error) *error = tr("cannot lock the folder %1").arg(QDir::toNativeSeparators(folder));
    return false;
  }
  m_session = folder;
  m_lock = std::move(lock);
  return true;
}

void Autosave::submitWrite() {
  if (m_finished) return;
  std::vector<Task> tasks;
  QStringList snapshotErrors;
  for (Lesson* lesson : m_lessons) {
    if (!m_changed.contains(lesson)) continue;
    Task task;
    task.lessonId = lesson->id();
    task.title = lesson->title();
    try {
      task.snapshot = lesson->autosaveSnapshot();
    } catch (const std::exception& e) {
      snapshotErrors << QStringLiteral("%1: %2").arg(task.title, QString::fromUtf8(e.what()));
      continue;  // stays marked: tried again with the next write
    }
    m_changed.remove(lesson);
    if (task.snapshot.isEmpty() && !m_lock) continue;  // nothing now, nothing written before
    tasks.push_back(std::move(task));
  }
  if (!snapshotErrors.isEmpty()) Q_EMIT failed(snapshotErrors.join(QLatin1Char('\n')));
  auto removeRestored = [this] {
    for (const QString& folder : std::as_const(m_removeAfterWrite)) {
      releaseFound(folder);
      QDir(folder).removeRecursively();
    }
    m_removeAfterWrite.clear();
  };
  if (tasks.empty()) {
    if (snapshotErrors.isEmpty()) removeRestored();
    return;
  }
  QString error;
  if (!ensureSession(&error)) {
    for (const Task& t : tasks)
      for (Lesson* lesson : m_lessons)
        if (lesson->id() == t.lessonId) m_changed.insert(lesson);
    Q_EMIT failed(error);
    return;
  }
  for (Task& t : tasks) t.folder = QDir(m_session).filePath(t.lessonId);

  m_writer->submit<WriteReport>(
      tr("Autosaving"),
      [tasks = std::move(tasks)](const ProgressFn&, const CancelToken&) {
        WriteReport report;
        for (const Task& t : tasks) {
          try {
            if (t.snapshot.isEmpty()) {
              removeLessonFolder(t.folder);
              continue;
            }
            if (!QDir().mkpath(t.folder))
              throw std::runtime_error(QStringLiteral("cannot create %1").arg(t.folder).toStdString());
            t.snapshot.write(t.folder);
            writeAbout(t.folder, t.lessonId, t.title, t.snapshot.items);
          } catch (const std::exception& e) {
            report.failedLessons << t.lessonId;
            report.messages << QStringLiteral("%1: %2").arg(t.title, QString::fromUtf8(e.what()));
          }
        }
        return report;
      },
      [this, removeRestored](std::shared_ptr<const WriteReport> report) {
        if (m_finished) return;
        if (report->failedLessons.isEmpty()) {
          removeRestored();
          Q_EMIT written();
          return;
        }
        for (Lesson* lesson : m_lessons)
          if (report->failedLessons.contains(lesson->id())) m_changed.insert(lesson);
        Q_EMIT failed(report->messages.join(QLatin1Char('\n')));
      },
      [this](const QString& message) {
        if (!m_finished) Q_EMIT failed(message);
      });
}

void Autosave::finish() {
  if (m_finished) return;
  m_finished = true;
  m_timer->stop();
  m_writer->cancelAndWait();
  m_lock.reset();  // unlocks: removes the lock file
  if (!m_session.isEmpty()) QDir(m_session).removeRecursively();
  m_foundLocks.clear();  // offered and not answered: they stay for the next start
  QDir().rmdir(m_root);  // only when empty
}

}  // namespace ds::ui
