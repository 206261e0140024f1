#pragma once
// The main window: menus, toolbar, the lesson switcher on the left, the current lesson with
// the shared timeline under it, and a status bar with the compute device and the current
// lesson's job progress. Window geometry, the last lesson and presentation mode are kept in QSettings.

#include "ui/computecontext.h"
#include "ui/exportgifdialog.h"
#include "ui/lesson.h"
#include "ui/lessonfile.h"

#include <QFont>
#include <QHash>
#include <QMainWindow>

#include <functional>
#include <memory>
#include <vector>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QSettings;
class QSplitter;
class QStackedWidget;
class QToolBar;
class QToolButton;
class QVBoxLayout;
class QDragEnterEvent;
class QDropEvent;

namespace ds::ui {

class JobTracker;
class Recovery;
class Timeline;

struct MainWindowOptions {
  // Settings file (INI). Empty: the platform default for organization "DiffusionStudio",
  // application "Diffusion Studio".
  QString settingsFile;
  // Whether to read/write settings at all (off for --screenshot, so a batch run changes nothing).
  bool persistSettings = true;
  // Where jobs run at first (--device): auto, cpu, cuda or cuda:N. CUDA where there is none falls
  // back to the CPU with a message in the status bar.
  QString device = QStringLiteral("auto");
  // How device names become devices; empty members are core's (tests stand in a GPU).
  ComputeContext::Backend computeBackend;
  // Creates the lessons; default createLessons (ui/lessons/registry.cpp). Tests inject their own.
  std::function<std::vector<Lesson*>(ComputeContext*, QWidget*)> lessonFactory;
  // The user's data folder, where the lessons' work is autosaved and crash reports are found
  // (ui/recovery.h); the program passes QStandardPaths' AppDataLocation. Empty: no autosave and no
  // notices (batch runs, tests that do not ask for them).
  QString dataFolder;
  int autosaveIntervalMs = 30000;
  // Folders searched for the lecture's bundled lesson files (*.dslesson, in name order). Empty:
  // bundledLessonFolders().
  QStringList lectureFolders;
};

// <exe>/../share/diffusion-studio/lessons (installed) and the source tree's resources/lessons.
QStringList bundledLessonFolders();

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(MainWindowOptions options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  ComputeContext* computeContext() const { return m_context.get(); }
  // Whether a job of any lesson runs; waitForJobs spins the event loop until none does (batch
  // mode, tests) and is false when `msecs` ran out first.
  bool hasRunningJobs() const;
  bool waitForJobs(int msecs);
  Timeline* timeline() const { return m_timeline; }
  const std::vector<Lesson*>& lessons() const { return m_lessons; }
  Lesson* currentLesson() const;
  // Selects the lesson with this id ("1d", "2d", …); false when there is none.
  bool setCurrentLesson(const QString& id);
  bool isPresentationMode() const { return m_presentation; }
  // How much presentation mode enlarged the window's font: 1.6 where the screen has room, less on a
  // small one (down to 1 on a 1280×800 screen at QT_SCALE_FACTOR=1.5).
  double presentationFontScale() const { return m_presentation ? m_presentationScale : 1.0; }
  // The scale of the plots' presentation sizes (PlotStyle::fontScale), which shrinks with the
  // window's font: 1 where the screen has room, PlotStyle::kMinFontScale (the normal sizes) at least.
  double presentationPlotScale() const;
  // Whether the main toolbar's actions sit in the menu bar's right corner, as icons, instead of in
  // a row of their own: where the window, at its smallest fonts, is taller than its screen's free
  // area (Chinese at 1280×800 with QT_SCALE_FACTOR=1.5). Every action is also in a menu.
  bool isToolbarInMenuBar() const { return m_compactChrome; }
  // Autosave, the restore offer and crash notices; null without MainWindowOptions::dataFolder.
  Recovery* recovery() const { return m_recovery; }

  // Exports without dialogs (the menu actions ask for a file name, then call these).
  // The PNG and the GIF show plotsView(): the lesson's plots without its control column.
  bool exportViewPng(const QString& path, QString* error) const;
  bool exportParticlesCsv(const QString& path, QString* error) const;
  // Plays the current lesson over options.from → options.to (gifTimesteps) into an animated GIF
  // of options.width pixels, then puts back the t the lesson had. `progress(done, total)` is
  // called before each frame and at the end, after events were processed; it returns false to
  // cancel. False on failure (*error names the file and the reason) or when cancelled (*error
  // empty); either way no file is left at options.path (an existing one stays as it was).
  bool exportPlayGif(const GifExportOptions& options, QString* error,
                     const std::function<bool(int done, int total)>& progress = {});
  // The widget the exports grab: the current lesson's plots, i.e. the widget of its layout that is
  // not the control column (ControlsScrollArea); the whole lesson when it has no such column.
  QWidget* plotsView() const;

  void saveSettings();

  // ---- Lesson files (ui/lessonfile.h, docs/lesson-files.md). Each checks everything first and
  // changes nothing on failure; *error then names the file (or the link) and the problem.
  bool openLessonFile(const QString& path, QString* error);
  bool saveLessonFile(const QString& path, QString* error);
  bool openLessonLink(const QString& text, QString* error);
  QString lessonLink() const;  // diffusion-studio://lesson?… of the current lesson
  LessonFile currentLessonFile() const;
  bool applyLessonFile(const LessonFile& file, QString* error);
  QStringList recentLessonFiles() const { return m_recent; }
  // The caption shown above the current lesson's plots (from the lesson file it was opened from).
  QString caption() const;
  bool controlsHidden() const;  // the current lesson's control column is hidden
  void setControlsHidden(bool hidden);

  // ---- The lecture: the bundled lesson files, stepped like slides.
  QStringList lectureFiles() const { return m_lecture; }
  int currentSlide() const { return m_slide; }  // −1: none opened yet
  bool openSlide(int index, QString* error);
  void nextSlide();
  void previousSlide();

 public Q_SLOTS:
  void setPresentationMode(bool on);

 protected:
  void closeEvent(QCloseEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;
  bool event(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildActions();
  void buildMenus();
  void buildCentral();
  void buildStatusBar();
  void buildDeviceMenu(QMenu* menu);
  QString applyDevice(const QString& preference);  // the fallback message, if any
  void chooseDevice(const QString& preference);    // from the Device menu
  void showDeviceChoice();
  void showDevice(const QString& deviceName);
  void followJobs(Lesson* lesson);  // the status bar shows this lesson's tracker
  void showJobBusy(bool busy);
  void restoreSettings();
  void onLessonSelected(int index);
  void onScheduleChanged();
  void rebuildLessonMenu();
  void fitSwitcher();                    // width from the titles and the current font
  void applyFont(const QFont& font);     // the application font, and what is sized from it
  void fitPresentationFont();            // the largest presentation font the screen has room for
  void shrinkPresentationFont();         // smaller, until the window's minimum fits its screen
  void applyPresentationStep(int step);  // the window's font and the plots' sizes, 0 (full) .. normal
  QSize freeScreenSize() const;          // the screen's free area less the window's frame
  QSize measuredMinimum();               // the window's minimum once pending layouts are done
  void fitChrome();                      // the toolbar into the menu bar where the screen is short
  void setToolbarInMenuBar(bool on);
  void exportViewInteractive();
  void exportCsvInteractive();
  void exportGifInteractive();
  void showShortcuts();
  void showAbout();
  void showError(const QString& title, const QString& message);
  void logJobs(Lesson* lesson);
  // Lesson files and the lecture (mainwindowfiles.cpp).
  void buildLessonFileActions();
  void buildLectureMenu(QMenu* menu);
  void openLessonInteractive();
  void saveLessonInteractive();
  void openLessonPathInteractive(const QString& path);
  void copyLessonLink();
  void pasteLessonLink();
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void showLessonChrome();  // the caption and the hidden controls of the current lesson
  void updateSlideActions();
  Lesson* lessonById(const QString& id) const;
  QStringList lessonIds() const;  // job starts and ends go to the ActionLog (crash reports)

  MainWindowOptions m_options;
  std::unique_ptr<QSettings> m_settings;
  std::unique_ptr<ComputeContext> m_context;  // outlives the lessons (see ~MainWindow)
  std::vector<Lesson*> m_lessons;
  QFont m_normalFont;  // the application font outside presentation mode
  bool m_presentation = false;
  double m_presentationScale = 1.0;  // the font scale presentation mode chose for this screen
  int m_presentationStep = 0;        // its step, 0 (the full sizes) .. kPresentationSteps (normal)
  bool m_refitQueued = false;
  bool m_compactChrome = false;  // the toolbar's actions in the menu bar's corner (fitChrome)
  int m_compactSaving = 0;       // how much less tall that made the window's minimum
  QToolBar* m_toolbar = nullptr;
  QToolBar* m_cornerBar = nullptr;  // the same actions, icons only, in the menu bar's corner

  Recovery* m_recovery = nullptr;
  QSplitter* m_splitter = nullptr;
  QListWidget* m_switcher = nullptr;
  QStackedWidget* m_stack = nullptr;
  QVBoxLayout* m_notices = nullptr;  // the bars of ui/recovery.h, above the lesson
  Timeline* m_timeline = nullptr;

  QAction* m_exportPngAction = nullptr;
  QAction* m_exportCsvAction = nullptr;
  QAction* m_exportGifAction = nullptr;
  QAction* m_quitAction = nullptr;
  QAction* m_presentationAction = nullptr;
  QActionGroup* m_lessonGroup = nullptr;
  QList<QAction*> m_lessonActions;
  QMenu* m_lessonMenu = nullptr;
  QActionGroup* m_deviceGroup = nullptr;

  QAction* m_openLessonAction = nullptr;
  QAction* m_saveLessonAction = nullptr;
  QAction* m_copyLinkAction = nullptr;
  QAction* m_pasteLinkAction = nullptr;
  QAction* m_hideControlsAction = nullptr;
  QAction* m_nextSlideAction = nullptr;
  QAction* m_previousSlideAction = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_lectureMenu = nullptr;
  QLabel* m_caption = nullptr;
  QHash<QString, QString> m_captions;   // lesson id → caption of the lesson file it was opened from
  QHash<QString, bool> m_hideControls;  // lesson id → its control column is hidden
  QStringList m_recent;
  QStringList m_lecture;
  int m_slide = -1;
  int m_pendingT = -1;  // a lesson file's t, set once the lesson's new schedule reaches it
  QString m_pendingLesson;

  QLabel* m_deviceLabel = nullptr;
  QLabel* m_jobLabel = nullptr;
  QLabel* m_backgroundLabel = nullptr;
  QProgressBar* m_progress = nullptr;
  QToolButton* m_cancelButton = nullptr;
  JobTracker* m_followed = nullptr;  // the current lesson's tracker
  QList<QMetaObject::Connection> m_jobConnections;
};

}  // namespace ds::ui
