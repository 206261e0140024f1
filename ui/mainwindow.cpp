#include "ui/mainwindow.h"

#include "ui/actionlog.h"
#include "ui/coremessages.h"
#include "ui/gifwriter.h"
#include "ui/icons.h"
#include "ui/jobtracker.h"
#include "ui/language.h"
#include "ui/recovery.h"
#include "ui/studioapplication.h"
#include "ui/timeline.h"
#include "ui/widgets/controlsscroll.h"
#include "ui/widgets/plotstyle.h"
#include "ui/widgets/wheelguard.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QImageWriter>
#include <QLabel>
#include <QLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTextLayout>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

namespace ds::ui {

namespace {

constexpr double kPresentationScale = 1.6;  // the window's font in presentation mode, at most
constexpr int kPresentationSteps = 10;      // from the full presentation sizes to the normal ones
constexpr int kStatusMessageMs = 6000;

const QColor kBadgeColors[] = {QColor(0x2b, 0x6c, 0xb0), QColor(0xc0, 0x5a, 0x1c), QColor(0x2f, 0x85, 0x5a),
                               QColor(0x80, 0x4a, 0xb0), QColor(0xa0, 0x2c, 0x4a), QColor(0x4a, 0x5a, 0x6a)};

QFont scaledFont(const QFont& base, double factor) {
  QFont f = base;
  if (base.pointSizeF() > 0) f.setPointSizeF(base.pointSizeF() * factor);
  else f.setPixelSize(std::max(1, static_cast<int>(base.pixelSize() * factor + 0.5)));
  return f;
}

// Keeps a window that is neither maximized nor full screen inside its screen's free area (a
// 1024×768 projector, a 1280×800 screen at scale 1.5): a restored or default geometry and the
// larger minimum of presentation mode never push its edges off the screen.
void fitToScreen(QWidget* window) {
  QScreen* screen = window->screen() ? window->screen() : QApplication::primaryScreen();
  if (!screen || window->isMaximized() || window->isFullScreen()) return;
  const QRect free = screen->availableGeometry();
  const QRect frame = window->frameGeometry();
  const QSize decoration = frame.size() - window->size();  // title bar and borders, once shown
  const QSize size = window->size().boundedTo(free.size() - decoration).expandedTo(window->minimumSizeHint());
  if (size != window->size()) window->resize(size);
  QRect moved(window->frameGeometry().topLeft(), size + decoration);
  if (moved.right() > free.right()) moved.moveRight(free.right());
  if (moved.bottom() > free.bottom()) moved.moveBottom(free.bottom());
  if (moved.left() < free.left()) moved.moveLeft(free.left());
  if (moved.top() < free.top()) moved.moveTop(free.top());
  if (moved.topLeft() != window->frameGeometry().topLeft()) window->move(moved.topLeft());
}

// The lines `text` takes in `width` as Qt's item views wrap it (QTextOption::WordWrap: where Unicode
// allows a break; a word wider than the line is elided, counted here as too many lines), and their
// height.
std::pair<int, int> switcherTextLines(const QString& text, const QFont& font, int width) {
  QTextLayout layout(text, font);
  QTextOption option;
  option.setWrapMode(QTextOption::WordWrap);
  layout.setTextOption(option);
  layout.beginLayout();
  int lines = 0;
  qreal height = 0;
  for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
    line.setLineWidth(width);
    ++lines;
    height += line.height();
    if (line.naturalTextWidth() > width) lines += 100;
  }
  layout.endLayout();
  return {lines, int(std::ceil(height))};
}

// "1d" → "1D", "train" → "Tr": at most two letters fit a badge at switcher size.
QString badgeText(const QString& id) {
  if (id.size() <= 2) return id.toUpper();
  return id.left(1).toUpper() + id.mid(1, 1);
}

}  // namespace

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent),
      m_options(std::move(options)),
      m_context(std::make_unique<ComputeContext>(m_options.computeBackend)) {
  if (m_options.settingsFile.isEmpty())
    m_settings = std::make_unique<QSettings>(QStringLiteral("DiffusionStudio"), QStringLiteral("Diffusion Studio"));
  else m_settings = std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat);
  if (!m_options.lessonFactory) m_options.lessonFactory = &createLessons;
  m_normalFont = QApplication::font();
  // Before the lessons exist, so that their first jobs already get the chosen device.
  const QString deviceMessage = applyDevice(m_options.device);

  WheelGuard::install();                      // spin and combo boxes take the wheel only when focused
  ActionLog::instance()->watchApplication();  // the last actions, for crash reports
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(tr("Diffusion Studio"));
  setWindowIcon(appIcon());

  buildActions();
  buildCentral();
  buildMenus();
  buildStatusBar();
  showDeviceChoice();
  restoreSettings();
  if (!deviceMessage.isEmpty()) statusBar()->showMessage(deviceMessage, 2 * kStatusMessageMs);
  if (!m_options.dataFolder.isEmpty()) {
    // Autosave, and what an earlier session left behind: work to restore, a crash report.
    m_recovery = new Recovery(m_options.dataFolder, m_lessons, m_options.autosaveIntervalMs,
                              m_options.persistSettings ? m_settings.get() : nullptr, m_notices, this);
    connect(m_recovery, &Recovery::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 2 * kStatusMessageMs); });
    m_recovery->showNotices();
  }
  // An exception no lesson caught: say so where the user looks, and carry on.
  if (auto* app = qobject_cast<StudioApplication*>(QCoreApplication::instance())) {
    connect(app, &StudioApplication::uncaughtException, this, [this](const QString& message) {
      statusBar()->showMessage(tr("Something went wrong and was stopped: %1").arg(message), 2 * kStatusMessageMs);
    });
  }
}

MainWindow::~MainWindow() {
  // The lessons go first (each cancels and joins its jobs), while the compute context they were
  // given still exists; the members, the context among them, go after this body.
  for (Lesson* lesson : m_lessons) lesson->jobTracker()->disconnect(this);
  m_lessons.clear();
  delete takeCentralWidget();
  if (m_presentation) QApplication::setFont(m_normalFont);
}

Lesson* MainWindow::currentLesson() const {
  const int i = m_stack ? m_stack->currentIndex() : -1;
  return i >= 0 && i < static_cast<int>(m_lessons.size()) ? m_lessons[i] : nullptr;
}

bool MainWindow::setCurrentLesson(const QString& id) {
  for (size_t i = 0; i < m_lessons.size(); ++i) {
    if (m_lessons[i]->id() == id) {
      m_switcher->setCurrentRow(static_cast<int>(i));  // calls onLessonSelected
      return true;
    }
  }
  return false;
}

void MainWindow::buildActions() {
  m_exportPngAction = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Export View as &PNG…"), this);
  m_exportPngAction->setShortcut(QKeySequence(tr("Ctrl+E")));
  m_exportPngAction->setToolTip(tr("Save a picture of the current lesson's view (for slides and handouts)"));
  m_exportPngAction->setIconText(tr("Export PNG"));
  connect(m_exportPngAction, &QAction::triggered, this, &MainWindow::exportViewInteractive);

  m_exportCsvAction = new QAction(style()->standardIcon(QStyle::SP_FileIcon), tr("Export Particles as &CSV…"), this);
  m_exportCsvAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
  m_exportCsvAction->setToolTip(tr("Save the particles x_t at the current timestep t as a CSV table"));
  m_exportCsvAction->setIconText(tr("Export CSV"));
  connect(m_exportCsvAction, &QAction::triggered, this, &MainWindow::exportCsvInteractive);

  m_exportGifAction = new QAction(tr("Export Play as &GIF…"), this);
  m_exportGifAction->setObjectName(QStringLiteral("exportGif"));
  m_exportGifAction->setShortcut(QKeySequence(tr("Ctrl+Alt+E")));
  m_exportGifAction->setToolTip(
      tr("Save the chain played over a range of t as an animated GIF of the plots (for slides)"));
  m_exportGifAction->setIconText(tr("Export GIF"));
  connect(m_exportGifAction, &QAction::triggered, this, &MainWindow::exportGifInteractive);

  m_quitAction = new QAction(tr("&Quit"), this);
  m_quitAction->setShortcut(QKeySequence::Quit);
  if (m_quitAction->shortcut().isEmpty()) m_quitAction->setShortcut(QKeySequence(tr("Ctrl+Q")));
  m_quitAction->setMenuRole(QAction::QuitRole);
  connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

  m_presentationAction =
      new QAction(style()->standardIcon(QStyle::SP_TitleBarMaxButton), tr("&Presentation Mode"), this);
  m_presentationAction->setCheckable(true);
  m_presentationAction->setShortcuts({QKeySequence(Qt::Key_F11), QKeySequence(tr("Ctrl+Shift+P"))});
  m_presentationAction->setToolTip(
      tr("Larger fonts, plot lines and markers, so a projected screen reads from the back of a classroom (F11)"));
  m_presentationAction->setIconText(tr("Presentation"));
  connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentationMode);

  buildLessonFileActions();
}

void MainWindow::buildCentral() {
  m_splitter = new QSplitter(Qt::Horizontal, this);
  m_splitter->setObjectName(QStringLiteral("mainSplitter"));
  m_splitter->setChildrenCollapsible(false);

  m_switcher = new QListWidget(m_splitter);
  m_switcher->setObjectName(QStringLiteral("lessonSwitcher"));
  m_switcher->setToolTip(tr("Lessons: pick one to open it (Ctrl+1, Ctrl+2, …)"));
  m_switcher->setAccessibleName(tr("Lessons"));
  m_switcher->setProperty("ds_timelineKeys", true);  // ←/→/Space still drive the timeline here
  m_switcher->setSelectionMode(QAbstractItemView::SingleSelection);
  // A narrow sidebar: a big badge with the title under it, wrapped, one lesson per row.
  m_switcher->setViewMode(QListView::IconMode);
  m_switcher->setFlow(QListView::TopToBottom);
  m_switcher->setWrapping(false);
  m_switcher->setMovement(QListView::Static);
  m_switcher->setResizeMode(QListView::Adjust);
  m_switcher->setWordWrap(true);
  m_switcher->setTextElideMode(Qt::ElideRight);
  m_switcher->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_switcher->installEventFilter(this);

  auto* right = new QWidget(m_splitter);
  auto* column = new QVBoxLayout(right);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  m_notices = new QVBoxLayout();
  m_notices->setContentsMargins(0, 0, 0, 0);
  m_notices->setSpacing(0);
  column->addLayout(m_notices);
  // The caption of the lesson file the lesson was opened from: what to look at, above the plots.
  m_caption = new QLabel(right);
  m_caption->setObjectName(QStringLiteral("lessonCaption"));
  m_caption->setTextFormat(Qt::PlainText);
  m_caption->setWordWrap(true);
  m_caption->setMargin(6);
  m_caption->setAutoFillBackground(true);
  m_caption->setBackgroundRole(QPalette::AlternateBase);
  m_caption->setAccessibleName(tr("Caption"));
  m_caption->hide();
  column->addWidget(m_caption);
  m_stack = new QStackedWidget(right);
  m_stack->setObjectName(QStringLiteral("lessonStack"));
  column->addWidget(m_stack, 1);
  m_timeline = new Timeline(right);
  column->addWidget(m_timeline);

  m_lessons = m_options.lessonFactory(m_context.get(), m_stack);
  m_lessonGroup = new QActionGroup(this);
  m_lessonGroup->setExclusive(true);
  for (size_t i = 0; i < m_lessons.size(); ++i) {
    Lesson* lesson = m_lessons[i];
    m_stack->addWidget(lesson);
    // A lesson may bring its own icon (setWindowIcon); else its SVG from resources/icons
    // (lesson-<id>.svg); else a badge with its id.
    const QColor color = kBadgeColors[i % std::size(kBadgeColors)];
    QIcon icon = lesson->testAttribute(Qt::WA_SetWindowIcon) ? lesson->windowIcon() : lessonIcon(lesson->id(), color);
    if (icon.isNull()) icon = badgeIcon(badgeText(lesson->id()), color);
    auto* item = new QListWidgetItem(icon, lesson->title(), m_switcher);
    item->setToolTip(tr("Open the lesson “%1”").arg(lesson->title()));

    // A title's '&' is text ("Likelihood & score"), not a mnemonic marker.
    auto* action =
        new QAction(icon, QString(lesson->title()).replace(QLatin1Char('&'), QStringLiteral("&&")), m_lessonGroup);
    action->setCheckable(true);
    if (i < 9) action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + static_cast<int>(i))));
    action->setToolTip(item->toolTip());
    connect(action, &QAction::triggered, this, [this, i] { m_switcher->setCurrentRow(static_cast<int>(i)); });
    m_lessonActions << action;
    addAction(action);

    logJobs(lesson);
    connect(lesson, &Lesson::scheduleChanged, this, [this, lesson] {
      if (lesson == currentLesson()) onScheduleChanged();
    });
    connect(lesson, &Lesson::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(lesson, &Lesson::backgroundStatus, this, [this](const QString& text) {
      m_backgroundLabel->setText(text);
      m_backgroundLabel->setVisible(!text.isEmpty());
    });
    connect(lesson, &Lesson::timestepRequested, this, [this, lesson](int t) {
      if (lesson == currentLesson()) m_timeline->setTimestep(t);
      else lesson->setTimestep(t);
    });
  }
  if (m_lessons.empty()) {
    auto* empty = new QLabel(tr("No lessons are built into this copy of Diffusion Studio."), m_stack);
    empty->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(empty);
  }

  connect(m_switcher, &QListWidget::currentRowChanged, this, &MainWindow::onLessonSelected);
  connect(m_timeline, &Timeline::timestepChanged, this, [this](int t) {
    if (Lesson* lesson = currentLesson(); lesson && lesson->timestep() != t) lesson->setTimestep(t);
  });
  connect(m_timeline, &Timeline::directionChanged, this, [this](Direction d) {
    for (Lesson* lesson : m_lessons) lesson->setDirection(d);
  });

  m_splitter->addWidget(m_switcher);
  m_splitter->addWidget(right);
  m_splitter->setStretchFactor(0, 0);
  m_splitter->setStretchFactor(1, 1);
  setCentralWidget(m_splitter);

  auto* toolbar = m_toolbar = addToolBar(tr("Main toolbar"));
  toolbar->setObjectName(QStringLiteral("mainToolBar"));
  toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toolbar->addAction(m_exportPngAction);
  toolbar->addAction(m_exportCsvAction);
  toolbar->addSeparator();
  toolbar->addAction(m_timeline->playAction());
  toolbar->addSeparator();
  toolbar->addAction(m_presentationAction);

  fitSwitcher();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(m_openLessonAction);
  m_recentMenu = file->addMenu(tr("Recent &Lessons"));
  m_recentMenu->setObjectName(QStringLiteral("recentLessonsMenu"));
  m_recentMenu->setToolTipsVisible(true);
  rebuildRecentMenu();
  file->addAction(m_saveLessonAction);
  file->addSeparator();
  file->addAction(m_exportPngAction);
  file->addAction(m_exportCsvAction);
  file->addAction(m_exportGifAction);
  file->addSeparator();
  file->addAction(m_quitAction);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(m_copyLinkAction);
  edit->addAction(m_pasteLinkAction);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(m_presentationAction);
  view->addAction(m_hideControlsAction);
  view->addSeparator();
  view->addActions(m_lessonActions);
  view->addSeparator();
  view->addAction(m_toolbar->toggleViewAction());

  QMenu* timeline = menuBar()->addMenu(tr("&Timeline"));
  timeline->addAction(m_timeline->playAction());
  timeline->addSeparator();
  timeline->addActions(m_timeline->transportActions());
  timeline->addSeparator();
  timeline->addAction(m_timeline->forwardAction());
  timeline->addAction(m_timeline->reverseAction());

  m_lessonMenu = menuBar()->addMenu(tr("&Lesson"));

  buildLectureMenu(menuBar()->addMenu(tr("Lect&ure")));

  QMenu* device = menuBar()->addMenu(tr("&Device"));
  buildDeviceMenu(device);

  // The interface language; a new choice is stored and takes effect at the next start (ui/language.h).
  auto* language =
      new LanguageMenu(menuBar()->addMenu(tr("L&anguage")), m_settings.get(), m_options.persistSettings, this);
  connect(language, &LanguageMenu::statusMessage, this,
          [this](const QString& text) { statusBar()->showMessage(text, 2 * kStatusMessageMs); });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  auto* keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
  keys->setShortcut(QKeySequence(Qt::Key_F1));
  help->addSeparator();
  auto* about = help->addAction(tr("&About Diffusion Studio"), this, &MainWindow::showAbout);
  about->setMenuRole(QAction::AboutRole);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildStatusBar() {
  QStatusBar* bar = statusBar();
  m_jobLabel = new QLabel(bar);
  m_jobLabel->setObjectName(QStringLiteral("jobLabel"));
  m_progress = new QProgressBar(bar);
  m_progress->setObjectName(QStringLiteral("jobProgress"));
  m_progress->setToolTip(tr("Progress of the running job (sampling runs on a worker thread)"));
  m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 28);
  m_progress->setTextVisible(true);
  m_cancelButton = new QToolButton(bar);
  m_cancelButton->setObjectName(QStringLiteral("cancelJobButton"));
  m_cancelButton->setText(tr("Cancel"));
  m_cancelButton->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
  m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  // Flat and no taller than a line of text (applyFont): hidden, it still sets the status bar's
  // height (QStatusBar counts every widget), and its button frame made that 5 px taller than the
  // text, pixels a 1280×800 screen at scale 1.5 does not have.
  m_cancelButton->setAutoRaise(true);
  m_cancelButton->setMaximumHeight(textLineHeight(QApplication::font()) + 4);
  m_cancelButton->setToolTip(tr("Stop the running job; its partial result is dropped"));
  connect(m_cancelButton, &QToolButton::clicked, this, [this] {
    if (!m_followed) return;
    m_followed->cancel();
    m_jobLabel->setText(tr("Cancelling…"));
  });
  m_backgroundLabel = new QLabel(bar);
  m_backgroundLabel->setObjectName(QStringLiteral("backgroundLabel"));
  m_backgroundLabel->setToolTip(
      tr("Training goes on on its own worker thread while you look at other lessons; "
         "pause or stop it in the Train lesson"));
  m_backgroundLabel->hide();
  m_deviceLabel = new QLabel(bar);
  m_deviceLabel->setObjectName(QStringLiteral("deviceLabel"));
  m_deviceLabel->setToolTip(
      tr("Where the lesson's jobs run: the GPU (CUDA) when available, else the CPU "
         "(choose in the Device menu, or with --device auto|cpu|cuda)"));
  showDevice(m_context->deviceName());
  bar->addPermanentWidget(m_jobLabel);
  bar->addPermanentWidget(m_progress);
  bar->addPermanentWidget(m_cancelButton);
  bar->addPermanentWidget(m_backgroundLabel);
  bar->addPermanentWidget(m_deviceLabel);
  for (QWidget* w :
       {static_cast<QWidget*>(m_jobLabel), static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_cancelButton)})
    w->setVisible(false);
}

void MainWindow::buildDeviceMenu(QMenu* menu) {
  menu->setObjectName(QStringLiteral("deviceMenu"));
  menu->setToolTipsVisible(true);  // the CUDA entry says why it is disabled
  m_deviceGroup = new QActionGroup(this);
  m_deviceGroup->setExclusive(true);
  const bool cuda = m_context->isCudaAvailable();
  const struct {
    const char* objectName;
    QString text;
    QString preference;
    QString toolTip;
  } choices[] = {
      {"deviceAuto", tr("&Auto"), QStringLiteral("auto"), tr("The GPU (CUDA) when this machine has one, else the CPU")},
      {"deviceCpu", tr("&CPU"), QStringLiteral("cpu"), tr("Run every job on the CPU")},
      {"deviceCuda", cuda ? tr("C&UDA") : tr("C&UDA (not available)"), QStringLiteral("cuda"),
       cuda ? tr("Run every job on the first GPU")
            : tr("CUDA is not available: this LibTorch build or this machine has no GPU")},
  };
  for (const auto& c : choices) {
    auto* action = new QAction(c.text, menu);  // the menu's child: found under it by objectName
    m_deviceGroup->addAction(action);
    action->setObjectName(QLatin1String(c.objectName));
    action->setCheckable(true);
    action->setData(c.preference);
    action->setToolTip(c.toolTip);
    menu->addAction(action);
  }
  m_deviceGroup->actions().constLast()->setEnabled(cuda);
  connect(m_deviceGroup, &QActionGroup::triggered, this,
          [this](QAction* action) { chooseDevice(action->data().toString()); });
}

QString MainWindow::applyDevice(const QString& preference) {
  QString message;
  if (!m_context->setPreference(preference, &message) && ComputeContext::isValidPreference(preference)) {
    // CUDA where there is none (or no such GPU): the context runs on the CPU now; the menu and
    // the next start say so too instead of pretending the choice took.
    m_context->setPreference(QStringLiteral("cpu"));
  }
  return message;
}

void MainWindow::chooseDevice(const QString& preference) {
  const QString message = applyDevice(preference);
  if (!message.isEmpty()) statusBar()->showMessage(message, 2 * kStatusMessageMs);
  showDeviceChoice();
}

void MainWindow::showDeviceChoice() {
  const QString shown = m_context->preference().section(QLatin1Char(':'), 0, 0);  // cuda:1 is CUDA
  for (QAction* action : m_deviceGroup->actions()) action->setChecked(action->data().toString() == shown);
  showDevice(m_context->deviceName());
}

void MainWindow::showDevice(const QString& deviceName) {
  m_deviceLabel->setText(tr("Device: %1").arg(deviceDisplayName(deviceName)));
  ActionLog::instance()->setDetail(QStringLiteral("Device"), deviceName);
}

void MainWindow::logJobs(Lesson* lesson) {
  ActionLog* log = ActionLog::instance();
  for (JobTracker* tracker : lesson->findChildren<JobTracker*>()) {
    auto names = std::make_shared<QHash<quint64, QString>>();
    const QString lessonTitle = lesson->title();
    auto end = [log, names, lessonTitle](quint64 id, const QString& how) {
      const QString name = names->take(id);
      if (!name.isEmpty()) log->record(QStringLiteral("job"), QStringLiteral("%1: %2 %3").arg(lessonTitle, name, how));
    };
    connect(tracker, &JobTracker::started, log,
            [log, names, lessonTitle](quint64 id, const QString& name, const QString& device) {
              names->insert(id, name);
              log->record(QStringLiteral("job"),
                          QStringLiteral("%1: %2 started%3")
                              .arg(lessonTitle, name, device.isEmpty() ? QString() : QStringLiteral(" on ") + device));
            });
    connect(tracker, &JobTracker::finished, log, [end](quint64 id) { end(id, QStringLiteral("finished")); });
    connect(tracker, &JobTracker::failed, log,
            [end](quint64 id, const QString& message) { end(id, QStringLiteral("failed: ") + message); });
    // A job superseded by a newer one of the same kind (a slider being dragged) is not news.
    connect(tracker, &JobTracker::cancelled, log, [end, names, tracker](quint64 id) {
      if (tracker->isBusy() && tracker->currentJobId() != id) names->remove(id);
      else end(id, QStringLiteral("cancelled"));
    });
  }
}

void MainWindow::followJobs(Lesson* lesson) {
  for (const QMetaObject::Connection& c : std::as_const(m_jobConnections)) disconnect(c);
  m_jobConnections.clear();
  m_followed = lesson ? lesson->jobTracker() : nullptr;
  if (!m_followed) return showJobBusy(false);
  JobTracker* tracker = m_followed;
  m_jobConnections << connect(tracker, &JobTracker::started, this,
                              [this](quint64, const QString& name, const QString& device) {
                                m_jobLabel->setText(name);
                                m_progress->setRange(0, 0);                 // busy indicator until the first report
                                if (!device.isEmpty()) showDevice(device);  // where this job runs
                              });
  m_jobConnections << connect(tracker, &JobTracker::progress, this, [this](quint64 id, qint64 step, qint64 total) {
    if (id != m_followed->currentJobId() || total <= 0) return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(1000 * std::clamp(step, qint64(0), total) / total));
    m_progress->setFormat(QStringLiteral("%1 / %2").arg(step).arg(total));
  });
  m_jobConnections << connect(tracker, &JobTracker::busyChanged, this, &MainWindow::showJobBusy);
  m_jobConnections << connect(tracker, &JobTracker::failed, this, [this](quint64 id, const QString& message) {
    if (id == m_followed->currentJobId())
      statusBar()->showMessage(tr("%1 failed: %2").arg(m_followed->currentJobName(), message), 2 * kStatusMessageMs);
  });
  m_jobConnections << connect(tracker, &JobTracker::cancelled, this, [this](quint64 id) {
    // A superseded job is followed by a newer one; only a job that was the newest is news.
    if (id == m_followed->currentJobId())
      statusBar()->showMessage(tr("%1 cancelled").arg(m_followed->currentJobName()), kStatusMessageMs);
  });
  // Picks up a job that started while another lesson was on screen.
  if (tracker->isBusy()) {
    m_jobLabel->setText(tracker->currentJobName());
    m_progress->setRange(0, 0);
    if (!tracker->currentJobDevice().isEmpty()) showDevice(tracker->currentJobDevice());
  } else {
    showDevice(m_context->deviceName());  // where this lesson's next job will run
  }
  showJobBusy(tracker->isBusy());
}

void MainWindow::showJobBusy(bool busy) {
  for (QWidget* w :
       {static_cast<QWidget*>(m_jobLabel), static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_cancelButton)})
    w->setVisible(busy);
  if (!busy) m_progress->setFormat(QStringLiteral("%p%"));
}

bool MainWindow::hasRunningJobs() const {
  const QList<JobTracker*> trackers = findChildren<JobTracker*>();
  return std::any_of(trackers.begin(), trackers.end(), [](const JobTracker* t) { return t->isBusy(); });
}

bool MainWindow::waitForJobs(int msecs) {
  QDeadlineTimer deadline(msecs);
  while (hasRunningJobs()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (hasRunningJobs()) QThread::msleep(1);
  }
  return true;
}

void MainWindow::restoreSettings() {
  QSettings& s = *m_settings;
  const bool persist = m_options.persistSettings;
  if (!persist || !restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
    QSize size(1280, 800);
    if (QScreen* screen = QApplication::primaryScreen())
      size = size.boundedTo(screen->availableGeometry().size() * 0.9);
    resize(size);
  }
  if (persist) restoreState(s.value(QStringLiteral("window/state")).toByteArray());
  fitChrome();        // a short screen: the toolbar into the menu bar
  fitToScreen(this);  // a geometry saved on a larger screen
  if (persist) {
    m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
    m_timeline->setSpeed(s.value(QStringLiteral("timeline/speed"), m_timeline->speed()).toDouble());
    m_timeline->setLoop(s.value(QStringLiteral("timeline/loop"), false).toBool());
  }
  const QString last = persist ? s.value(QStringLiteral("lesson/last")).toString() : QString();
  if (!m_lessons.empty() && (last.isEmpty() || !setCurrentLesson(last))) m_switcher->setCurrentRow(0);
  if (persist && s.value(QStringLiteral("view/presentation"), false).toBool()) setPresentationMode(true);
}

void MainWindow::saveSettings() {
  if (!m_options.persistSettings) return;
  QSettings& s = *m_settings;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  // A toolbar that fitChrome moved into the menu bar is saved as shown: the next screen may have room.
  if (m_compactChrome) m_toolbar->setVisible(true);
  s.setValue(QStringLiteral("window/state"), saveState());
  if (m_compactChrome) m_toolbar->setVisible(false);
  s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
  if (Lesson* lesson = currentLesson()) s.setValue(QStringLiteral("lesson/last"), lesson->id());
  s.setValue(QStringLiteral("view/presentation"), m_presentation);
  s.setValue(QStringLiteral("timeline/speed"), m_timeline->speed());
  s.setValue(QStringLiteral("timeline/loop"), m_timeline->loops());
  s.sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  // A model trained but not saved: Save… / Discard / Cancel (Cancel keeps the window open).
  if (m_recovery && !m_recovery->confirmClose()) {
    event->ignore();
    return;
  }
  saveSettings();
  m_timeline->setPlaying(false);
  for (JobTracker* tracker : findChildren<JobTracker*>()) tracker->cancel();
  if (m_recovery) m_recovery->finish();  // a clean exit leaves no autosave behind
  event->accept();
}

void MainWindow::onLessonSelected(int index) {
  if (index < 0 || index >= static_cast<int>(m_lessons.size())) return;
  Lesson* lesson = m_lessons[index];
  ActionLog::instance()->record(QStringLiteral("lesson"), lesson->title());  // repeats are merged
  ActionLog::instance()->setDetail(QStringLiteral("Lesson"),
                                   QStringLiteral("%1 (%2)").arg(lesson->title(), lesson->id()));
  m_stack->setCurrentIndex(index);
  m_lessonActions[index]->setChecked(true);
  followJobs(lesson);
  if (m_switcher->currentRow() != index) m_switcher->setCurrentRow(index);
  // The timeline takes the lesson's schedule and its own t (each lesson keeps its t).
  {
    const QSignalBlocker block(m_timeline);
    m_timeline->setSchedule(lesson->schedule());
    m_timeline->setTimestep(lesson->timestep());
  }
  m_timeline->setTimestep(lesson->timestep());
  lesson->setDirection(m_timeline->direction());
  lesson->setPresentationMode(m_presentation);
  setWindowTitle(tr("%1 — Diffusion Studio").arg(lesson->title()));
  rebuildLessonMenu();
  if (lesson->id() != m_pendingLesson) m_pendingT = -1;
  showLessonChrome();
  // Hiding the old page moved the focus along the tab chain, often into the new page's first spin
  // box, where Space and the arrows edit the number instead of driving the timeline. The page
  // itself takes the focus, unless the user is walking the lesson list with the keyboard.
  if (!m_switcher->hasFocus()) lesson->setFocus(Qt::OtherFocusReason);
}

void MainWindow::onScheduleChanged() {
  Lesson* lesson = currentLesson();
  m_timeline->setSchedule(lesson->schedule());
  // The t of a lesson file, once the lesson's new schedule reaches it.
  if (m_pendingT >= 0 && lesson->id() == m_pendingLesson && m_pendingT <= lesson->schedule().steps()) {
    const int t = std::exchange(m_pendingT, -1);
    lesson->setTimestep(t);
  }
  if (lesson->timestep() != m_timeline->timestep()) m_timeline->setTimestep(lesson->timestep());
}

void MainWindow::fitSwitcher() {
  // Sized from the titles and the font, not in pixels, so it follows presentation mode and the DPI;
  // and from its height: every lesson stays in view (at 1024×768 in presentation mode the last one
  // scrolled off). The largest of these that fits: a big badge over a title on up to two lines, then
  // smaller badges, then one-line titles; the list scrolls only when not even that fits.
  const QFont font = QApplication::font();
  const QFontMetrics fm(font);
  const int h = fm.height();
  const int n = std::max<int>(1, int(m_lessons.size()));
  const int frame = 2 * m_switcher->frameWidth() + 2;
  const int available = m_switcher->height() - frame;
  struct Choice {
    int icon, lines;
  };
  const Choice choices[] = {{2 * h, 2}, {3 * h / 2, 2}, {6 * h / 5, 2}, {6 * h / 5, 1}};
  QSize cell;
  int icon = 0;
  for (const Choice& c : choices) {
    // The narrowest width in which every title takes at most c.lines lines, and their height there
    // (Chinese characters come from a fallback font with taller lines than the Latin one).
    int titleWidth = 0, titleHeight = 0;
    for (Lesson* lesson : m_lessons) {
      const QString title = lesson->title();
      const int full = fm.horizontalAdvance(title);
      int w = std::max(widestUnbreakable(title, fm), full / c.lines);
      while (w < full && switcherTextLines(title, font, w).first > c.lines) w += 2;
      titleWidth = std::max(titleWidth, w);
    }
    for (Lesson* lesson : m_lessons)
      titleHeight = std::max(titleHeight, switcherTextLines(lesson->title(), font, titleWidth).second);
    icon = c.icon;
    cell = QSize(std::max(c.icon, titleWidth) + h, c.icon + titleHeight + h / 2);
    if (n * cell.height() <= available) break;
  }
  m_switcher->setIconSize(QSize(icon, icon));
  m_switcher->setGridSize(cell);
  const int width = cell.width() + frame;
  if (width == m_switcher->minimumWidth()) return;
  m_switcher->setMinimumWidth(width);
  const QList<int> sizes = m_splitter->sizes();
  const int total = std::max(width * 8, sizes.value(0) + sizes.value(1));
  m_splitter->setSizes({width, total - width});
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
  // The switcher's height decides how big its cells can be (fitSwitcher).
  if (watched == m_switcher && event->type() == QEvent::Resize &&
      static_cast<QResizeEvent*>(event)->oldSize().height() != m_switcher->height())
    fitSwitcher();
  return QMainWindow::eventFilter(watched, event);
}

void MainWindow::rebuildLessonMenu() {
  m_lessonMenu->clear();
  Lesson* lesson = currentLesson();
  const QList<QAction*> actions = lesson ? lesson->lessonActions() : QList<QAction*>();
  m_lessonMenu->addActions(actions);
  m_lessonMenu->menuAction()->setVisible(!actions.isEmpty());
  if (lesson)
    m_lessonMenu->setTitle(
        tr("&Lesson: %1").arg(QString(lesson->title()).replace(QLatin1Char('&'), QStringLiteral("&&"))));
}

void MainWindow::setPresentationMode(bool on) {
  if (on == m_presentation) return;
  m_presentation = on;
  {
    const QSignalBlocker block(m_presentationAction);
    m_presentationAction->setChecked(on);
  }
  m_timeline->setPresentationMode(on);
  // The plots start at their full presentation sizes; fitPresentationFont shrinks them if need be.
  PlotStyle::setPresentationFontScale(1.0);
  for (Lesson* lesson : m_lessons) lesson->setPresentationMode(on);
  // The fonts are fitted with the toolbar in its own row; only where the smallest do not fit does
  // it move into the menu bar.
  setToolbarInMenuBar(false);
  if (on) fitPresentationFont();
  else applyFont(m_normalFont);
  fitChrome();
  // Larger fonts raise the minimum size; the layout shrinks the plots, the window stays on screen.
  fitToScreen(this);
  statusBar()->showMessage(on ? tr("Presentation mode: press F11 to leave") : QString(), kStatusMessageMs);
}

void MainWindow::applyFont(const QFont& font) {
  QApplication::setFont(font);
  fitSwitcher();
  showLessonChrome();  // the caption's font follows
  const QFontMetrics fm(font);
  m_toolbar->setIconSize(QSize(fm.height() * 3 / 2, fm.height() * 3 / 2));
  if (m_cornerBar) m_cornerBar->setIconSize(QSize(fm.height(), fm.height()));  // no taller than the menus
  m_cancelButton->setMaximumHeight(textLineHeight(font) + 4);
  if (QLayout* layout = this->layout()) layout->activate();
}

double MainWindow::presentationPlotScale() const { return m_presentation ? PlotStyle::presentationFontScale() : 1.0; }

void MainWindow::fitPresentationFont() {
  // The window's font grows by kPresentationScale and the plots take their full presentation sizes
  // where the screen has room for the larger window (a 1024×768 projector in English); else both
  // shrink together, step by step, down to the normal sizes: at QT_SCALE_FACTOR=1.5 a 1280×800
  // screen is 853×533 device-independent pixels, and there the screen's scale alone enlarges
  // everything by 1.5. (Shrinking the window's font first and then the plots left a Chinese 1-D
  // lesson, whose plots alone ask for most of a 1024×768 screen, at ×1.0 with the largest plots.)
  applyPresentationStep(0);
  shrinkPresentationFont();
}

void MainWindow::applyPresentationStep(int step) {
  m_presentationStep = std::clamp(step, 0, kPresentationSteps);
  const double t = 1.0 - double(m_presentationStep) / kPresentationSteps;  // 1: full, 0: normal sizes
  m_presentationScale = 1.0 + (kPresentationScale - 1.0) * t;
  const double plots = PlotStyle::kMinFontScale + (1.0 - PlotStyle::kMinFontScale) * t;
  if (plots != PlotStyle::presentationFontScale()) {
    PlotStyle::setPresentationFontScale(plots);
    // The lessons restyle their plots with the new default PlotStyle.
    for (Lesson* lesson : m_lessons) lesson->setPresentationMode(true);
  }
  applyFont(scaledFont(m_normalFont, m_presentationScale));
}

QSize MainWindow::freeScreenSize() const {
  QScreen* screen = this->screen() ? this->screen() : QApplication::primaryScreen();
  if (!screen) return {};
  const QSize decoration = isVisible() ? frameGeometry().size() - size() : QSize(0, 0);
  return screen->availableGeometry().size() - decoration;
}

QSize MainWindow::measuredMinimum() {
  // A new font posts layout requests up the widget tree (each layout's cached minimum is renewed
  // when its request is handled): without them the minimum measured here was the previous font's,
  // and a Chinese window went on shrinking after it fitted.
  for (int i = 0; i < 8; ++i) QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  return minimumSizeHint().expandedTo(minimumSize());
}

void MainWindow::shrinkPresentationFont() {
  const QSize free = freeScreenSize();
  if (free.isEmpty()) return;
  for (;;) {
    const QSize minimum = measuredMinimum();
    if ((minimum.width() <= free.width() && minimum.height() <= free.height()) ||
        m_presentationStep >= kPresentationSteps)
      return;
    applyPresentationStep(m_presentationStep + 1);
  }
}

// Where the window is taller than its screen's free area even at its smallest fonts (normal mode,
// or presentation mode shrunk to the normal sizes), the toolbar's row goes: its actions (export,
// play, presentation) move into the menu bar's right corner as icons, which gives back ~40 px and
// takes no width the menus need (Chinese at 1280×800 with QT_SCALE_FACTOR=1.5: the 1-D lesson's
// taller CJK lines made the window 531 px tall on a 493 px screen). Every action is also in a menu
// and has a shortcut. A toolbar the user hid stays hidden; a global (native) menu bar has no corner.
void MainWindow::fitChrome() {
  if (!m_toolbar || menuBar()->isNativeMenuBar()) return;
  const QSize free = freeScreenSize();
  if (free.isEmpty()) return;
  if (m_presentation && m_presentationStep < kPresentationSteps) {  // the fonts can still shrink
    setToolbarInMenuBar(false);
    return;
  }
  const int minimum = measuredMinimum().height();
  if (!m_compactChrome && minimum > free.height() && m_toolbar->isVisibleTo(this)) {
    setToolbarInMenuBar(true);
    m_compactSaving = minimum - measuredMinimum().height();
  } else if (m_compactChrome && minimum + m_compactSaving <= free.height()) {
    setToolbarInMenuBar(false);
  }
}

void MainWindow::setToolbarInMenuBar(bool on) {
  if (on == m_compactChrome || !m_toolbar) return;
  m_compactChrome = on;
  if (on && !m_cornerBar) {
    m_cornerBar = new QToolBar(m_toolbar->windowTitle(), menuBar());
    m_cornerBar->setObjectName(QStringLiteral("menuBarToolBar"));
    m_cornerBar->setMovable(false);
    m_cornerBar->setFloatable(false);
    m_cornerBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_cornerBar->addActions(m_toolbar->actions());
    const int icon = QFontMetrics(QApplication::font()).height();
    m_cornerBar->setIconSize(QSize(icon, icon));
  }
  if (on) {
    menuBar()->setCornerWidget(m_cornerBar, Qt::TopRightCorner);
    m_cornerBar->show();
  } else if (m_cornerBar) {
    menuBar()->setCornerWidget(nullptr, Qt::TopRightCorner);
    m_cornerBar->hide();
  }
  m_toolbar->setVisible(!on);
}

bool MainWindow::event(QEvent* event) {
  // The minimum size can grow after presentation mode chose its font (results arrive, legends and
  // captions fill in, the timeline's read-outs wrap): then the font shrinks again to fit the screen,
  // and where even the smallest does not, the toolbar moves into the menu bar (both modes). On
  // another screen both are fitted again.
  if (event->type() == QEvent::ScreenChangeInternal && m_presentation) {
    QTimer::singleShot(0, this, [this] {
      if (!m_presentation) return;
      setToolbarInMenuBar(false);
      fitPresentationFont();
      fitChrome();
      fitToScreen(this);
    });
  } else if ((event->type() == QEvent::LayoutRequest || event->type() == QEvent::ScreenChangeInternal) &&
             !m_refitQueued) {
    m_refitQueued = true;
    QTimer::singleShot(0, this, [this] {
      m_refitQueued = false;
      const int before = m_presentationStep;
      const bool compact = m_compactChrome;
      if (m_presentation) shrinkPresentationFont();
      fitChrome();
      if (m_presentationStep != before || m_compactChrome != compact) fitToScreen(this);
    });
  }
  return QMainWindow::event(event);
}

QWidget* MainWindow::plotsView() const {
  Lesson* lesson = currentLesson();
  if (!lesson) return m_stack;
  // Every lesson lays out its control column (in a ControlsScrollArea) beside one widget that
  // holds its plots; the plots are that other widget.
  QWidget* plots = nullptr;
  if (QLayout* layout = lesson->layout()) {
    for (int i = 0; i < layout->count(); ++i) {
      QWidget* w = layout->itemAt(i)->widget();
      if (!w || qobject_cast<ControlsScrollArea*>(w)) continue;
      if (plots) return lesson;  // not the usual two columns: export the whole lesson
      plots = w;
    }
  }
  return plots ? plots : lesson;
}

namespace {

// The view as it is drawn now, with every plot antialiased (scrubbing drops antialiasing while
// frames come fast, see ScrubAntialiasing; an export is a single, finished picture).
QImage grabView(QWidget* view) {
  for (QCustomPlot* plot : view->findChildren<QCustomPlot*>()) {
    if (!plot->isVisible()) continue;
    plot->setNotAntialiasedElements(QCP::aeNone);
    plot->replot(QCustomPlot::rpImmediateRefresh);
  }
  return view->grab().toImage();
}

}  // namespace

bool MainWindow::exportPlayGif(const GifExportOptions& options, QString* error,
                               const std::function<bool(int done, int total)>& progress) {
  if (error) error->clear();
  Lesson* lesson = currentLesson();
  const QString name = QDir::toNativeSeparators(options.path);
  if (!lesson) {
    if (error) *error = tr("Cannot write %1: no lesson is open.").arg(name);
    return false;
  }
  const int steps = lesson->schedule().steps();
  if (options.from < 0 || options.from > steps || options.to < 0 || options.to > steps) {
    if (error) *error = tr("Cannot write %1: t must lie in 0 … %2.").arg(name).arg(steps);
    return false;
  }
  if (options.step < 1 || options.fps < ExportGifDialog::kMinFps || options.fps > ExportGifDialog::kMaxFps ||
      options.width < 1) {
    if (error)
      *error = tr("Cannot write %1: the step must be at least 1, the frame rate %2 … %3 frames per second and the "
                  "width at least 1 pixel.")
                   .arg(name)
                   .arg(ExportGifDialog::kMinFps)
                   .arg(ExportGifDialog::kMaxFps);
    return false;
  }
  QWidget* view = plotsView();
  const QSize viewSize = view->size();
  if (viewSize.isEmpty()) {
    if (error) *error = tr("Cannot write %1: the view is empty; nothing to export.").arg(name);
    return false;
  }
  const QSize size(
      options.width,
      std::max(1, static_cast<int>(std::lround(double(options.width) * viewSize.height() / viewSize.width()))));
  const std::vector<int> ts = gifTimesteps(options.from, options.to, options.step);
  const int total = static_cast<int>(ts.size());

  GifWriter writer;
  if (!writer.open(options.path, size, gifDelayForFps(options.fps), error)) return false;
  const int userT = lesson->timestep();
  QPointer<Lesson> guard(lesson);
  bool ok = true;
  for (int i = 0; i < total && ok; ++i) {
    QApplication::processEvents();
    if ((progress && !progress(i, total)) || !guard || guard != currentLesson()) {
      ok = false;
      break;
    }
    lesson->setTimestep(ts[static_cast<size_t>(i)]);
    ok = writer.addFrame(grabView(view), error);
  }
  if (guard) {
    lesson->setTimestep(userT);
    for (QCustomPlot* plot : view->findChildren<QCustomPlot*>()) plot->replot(QCustomPlot::rpQueuedReplot);
  }
  if (ok) ok = writer.finish(error);
  else writer.cancel();
  if (ok && progress) progress(total, total);
  return ok;
}

bool MainWindow::exportViewPng(const QString& path, QString* error) const {
  const QImage image = grabView(plotsView());
  if (image.isNull()) {
    if (error) *error = tr("The view is empty; nothing to export.");
    return false;
  }
  // QSaveFile: an existing file is replaced only once the new one is completely written.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  QImageWriter writer(&file, "png");
  if (!writer.write(image)) {
    if (error) *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), writer.errorString());
    file.cancelWriting();
    return false;
  }
  if (!file.commit()) {
    if (error) *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  return true;
}

bool MainWindow::exportParticlesCsv(const QString& path, QString* error) const {
  Lesson* lesson = currentLesson();
  if (!lesson) {
    if (error) *error = tr("No lesson is open.");
    return false;
  }
  return lesson->exportParticlesCsv(path, error);
}

namespace {

// A file name for an export: the lesson, t, and the extension; in the last export folder.
QString suggestedPath(QSettings& s, const Lesson* lesson, int t, const QString& ext) {
  QString dir = s.value(QStringLiteral("export/dir")).toString();
  if (dir.isEmpty() || !QDir(dir).exists()) dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  if (dir.isEmpty()) dir = QDir::homePath();
  const QString name = QStringLiteral("diffusion-%1-t%2.%3")
                           .arg(lesson ? lesson->id() : QStringLiteral("view"))
                           .arg(t, 4, 10, QLatin1Char('0'))
                           .arg(ext);
  return QDir(dir).filePath(name);
}

QString withSuffix(QString path, const QString& ext) {
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + ext;
  return path;
}

}  // namespace

void MainWindow::exportViewInteractive() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export View as PNG"), suggestedPath(*m_settings, currentLesson(), m_timeline->timestep(), "png"),
      tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  path = withSuffix(path, QStringLiteral("png"));
  QString error;
  if (!exportViewPng(path, &error)) return showError(tr("Export View as PNG"), error);
  m_settings->setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kStatusMessageMs);
}

void MainWindow::exportCsvInteractive() {
  if (!currentLesson()) return;
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export Particles as CSV"), suggestedPath(*m_settings, currentLesson(), m_timeline->timestep(), "csv"),
      tr("CSV tables (*.csv)"));
  if (path.isEmpty()) return;
  path = withSuffix(path, QStringLiteral("csv"));
  QString error;
  if (!exportParticlesCsv(path, &error))
    return showError(tr("Export Particles as CSV"),
                     error.isEmpty() ? tr("The particles could not be written.") : error);
  m_settings->setValue(QStringLiteral("export/dir"), QFileInfo(path).absolutePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kStatusMessageMs);
}

void MainWindow::exportGifInteractive() {
  Lesson* lesson = currentLesson();
  if (!lesson) return;
  const int steps = lesson->schedule().steps();
  GifExportOptions initial;
  // The whole chain in the direction the timeline plays: forward 0 → T, reverse T → 0.
  const bool reverse = m_timeline->direction() == Direction::Reverse;
  initial.from = reverse ? steps : 0;
  initial.to = reverse ? 0 : steps;
  initial.step = std::max(1, steps / 100);  // about a hundred frames
  initial.fps = m_settings->value(QStringLiteral("export/gifFps"), 10).toInt();
  initial.width = plotsView()->width();
  QString path = suggestedPath(*m_settings, lesson, m_timeline->timestep(), "gif");
  path.replace(QRegularExpression(QStringLiteral("-t\\d+\\.gif$")), QStringLiteral("-play.gif"));
  initial.path = path;

  ExportGifDialog dialog(steps, plotsView()->size(), initial, this);
  if (dialog.exec() != QDialog::Accepted) return;
  const GifExportOptions options = dialog.options();
  if (options.path.isEmpty()) return;

  QProgressDialog progress(tr("Writing %1…").arg(QFileInfo(options.path).fileName()), tr("Cancel"), 0,
                           static_cast<int>(gifTimesteps(options.from, options.to, options.step).size()), this);
  progress.setWindowTitle(tr("Export Play as GIF"));
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(0);
  progress.setValue(0);
  QString error;
  const bool ok = exportPlayGif(options, &error, [&progress](int done, int total) {
    progress.setMaximum(total);
    progress.setValue(done);
    return !progress.wasCanceled();
  });
  progress.reset();
  if (!ok) {
    if (error.isEmpty()) statusBar()->showMessage(tr("GIF export cancelled; no file written"), kStatusMessageMs);
    else showError(tr("Export Play as GIF"), error);
    return;
  }
  m_settings->setValue(QStringLiteral("export/dir"), QFileInfo(options.path).absolutePath());
  m_settings->setValue(QStringLiteral("export/gifFps"), options.fps);
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(options.path)), kStatusMessageMs);
}

void MainWindow::showError(const QString& title, const QString& message) { QMessageBox::warning(this, title, message); }

void MainWindow::showShortcuts() {
  const QString rows[][2] = {
      {tr("Space"), tr("Play / pause the chain")},
      {tr("← / →"), tr("t − 1 / t + 1")},
      {tr("Page Down / Page Up"), tr("t − 10 / t + 10")},
      {tr("Home / End"), tr("t = 0 (data x₀) / t = T (noise x_T)")},
      {tr("F11, Ctrl+Shift+P"), tr("Presentation mode on / off")},
      {tr("Ctrl+1, Ctrl+2, …"), tr("Switch lesson")},
      {tr("Ctrl+O / Ctrl+S"), tr("Open / save a lesson file")},
      {tr("Ctrl+Shift+C / Ctrl+Shift+V"), tr("Copy / paste a lesson link")},
      {tr("Ctrl+Page Down, Alt+→"), tr("Next slide of the lecture")},
      {tr("Ctrl+Page Up, Alt+←"), tr("Previous slide of the lecture")},
      {tr("Ctrl+Shift+H"), tr("Hide / show the lesson's controls")},
      {tr("Ctrl+E"), tr("Export the view as PNG")},
      {tr("Ctrl+Shift+E"), tr("Export the particles as CSV")},
      {tr("Ctrl+Alt+E"), tr("Export the play of a t range as an animated GIF")},
      {tr("F1"), tr("This list")},
  };
  QString html = QStringLiteral("<table cellspacing='4'>");
  for (const auto& row : rows)
    html += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                .arg(row[0].toHtmlEscaped(), row[1].toHtmlEscaped());
  html += QStringLiteral("</table><p>%1</p>")
              .arg(tr("The timeline keys work anywhere in the window, except while typing in a text or "
                      "number field, or while another slider or table has the focus.")
                       .toHtmlEscaped());
  QMessageBox box(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), html, QMessageBox::Close, this);
  box.setTextFormat(Qt::RichText);
  box.exec();
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About Diffusion Studio"),
      tr("<h3>Diffusion Studio %1</h3>"
         "<p>See, step through and poke at denoising diffusion models: the forward process "
         "q(x<sub>t</sub>|x<sub>t-1</sub>) adds Gaussian noise with variance β<sub>t</sub> at each step; "
         "the reverse process p(x<sub>t-1</sub>|x<sub>t</sub>) learns to remove it.</p>"
         "<p>Compute device: %2</p>")
          .arg(QApplication::applicationVersion().toHtmlEscaped(),
               deviceDisplayName(m_context->deviceName()).toHtmlEscaped()));
}

}  // namespace ds::ui
