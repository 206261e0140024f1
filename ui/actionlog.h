#pragma once
// The last things the user did, for crash reports (ui/crashhandler.h): lesson switches, menu,
// toolbar and shortcut actions (every QAction added to a widget), button clicks, job starts and
// ends, and exceptions that StudioApplication::notify caught. A ring of the newest kCapacity
// entries with their times, plus a few facts about the session ("Lesson", "Device"). `changed`
// follows every edit, so the crash handler can format its report while that is still safe.
// GUI thread: a record() from another thread is posted to it.

#include <QDateTime>
#include <QObject>
#include <QString>

#include <deque>
#include <utility>
#include <vector>

class QAction;

namespace ds::ui {

class ActionLog : public QObject {
  Q_OBJECT

 public:
  static constexpr int kCapacity = 20;

  struct Entry {
    QDateTime when;
    QString kind;  // "lesson", "action", "button", "job", "error"
    QString text;
    int repeats = 1;  // the same entry again right after (e.g. a job restarted while dragging a slider)
  };

  // The application's log (created on first use, a child of the application when there is one).
  static ActionLog* instance();

  // Records QAction triggers and button clicks everywhere in the application (idempotent).
  void watchApplication();

  void record(const QString& kind, const QString& text);
  // A fact shown at the top of a report ("Lesson" → "Train (train)"); an empty value removes it.
  void setDetail(const QString& key, const QString& value);

  std::vector<Entry> entries() const { return {m_entries.begin(), m_entries.end()}; }  // oldest first
  std::vector<std::pair<QString, QString>> details() const { return m_details; }
  void clear();

 Q_SIGNALS:
  void changed();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  explicit ActionLog(QObject* parent);
  void watchAction(QAction* action);

  std::deque<Entry> m_entries;
  std::vector<std::pair<QString, QString>> m_details;
  bool m_watching = false;
};

}  // namespace ds::ui
