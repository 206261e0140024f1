#pragma once
// The main window's side of "work survives a crash" (issue 13): it owns the Autosave of the
// lessons' work, shows what an earlier session left behind — autosaved work (Restore / Discard)
// and crash reports (where the file is) — in bars across the top of the window that block
// nothing, and asks before a close loses work that lives only in memory (Save… / Discard /
// Cancel). Crash reports already announced are remembered in the settings.

#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

class QBoxLayout;
class QSettings;
class QWidget;

namespace ds::ui {

class Autosave;
class Lesson;
class NoticeBar;

class Recovery : public QObject {
  Q_OBJECT

 public:
  // `noticeArea` receives the bars; `settings` (may be null) remembers announced crash reports.
  Recovery(const QString& dataFolder, std::vector<Lesson*> lessons, int autosaveIntervalMs, QSettings* settings,
           QBoxLayout* noticeArea, QWidget* window);

  Autosave* autosave() const { return m_autosave; }
  QString dataFolder() const { return m_dataFolder; }

  // Shows the bars for work and crash reports an earlier session left behind.
  void showNotices();
  // Asks, for each lesson with unsaved work, whether to save it (modal: the window is closing).
  // False when the user chose Cancel, or Save… and then did not save: the window stays open.
  bool confirmClose();
  // A clean exit: the autosave of this session is removed.
  void finish();

 Q_SIGNALS:
  void statusMessage(const QString& text);

 private:
  void showRestoreOffer();
  void showCrashNotice();
  void restore(NoticeBar* bar);

  QString m_dataFolder;
  std::vector<Lesson*> m_lessons;
  QSettings* m_settings = nullptr;
  QBoxLayout* m_noticeArea = nullptr;
  QWidget* m_window = nullptr;
  Autosave* m_autosave = nullptr;
};

}  // namespace ds::ui
