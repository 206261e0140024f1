// MainWindow: lesson files (.dslesson), lesson links, recent files, drag and drop, the caption and
// hidden controls, and the lecture sequence stepped like slides (ui/lessonfile.h,
// docs/lesson-files.md).

#include "ui/mainwindow.h"

#include "ui/actionlog.h"
#include "ui/displaynames.h"
#include "ui/timeline.h"
#include "ui/widgets/controlsscroll.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace ds::ui {

namespace {

constexpr int kMaxRecent = 8;
constexpr int kStatusMs = 6000;
const QString kSuffix = QStringLiteral("dslesson");

QString droppedLessonPath(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile() && QFileInfo(url.toLocalFile()).suffix().compare(kSuffix, Qt::CaseInsensitive) == 0)
      return url.toLocalFile();
  return {};
}

}  // namespace

QStringList bundledLessonFolders() {
  QStringList folders;
  const QString exe = QCoreApplication::applicationDirPath();
  if (!exe.isEmpty()) folders << QDir(exe).absoluteFilePath(QStringLiteral("../share/diffusion-studio/lessons"));
#ifdef DS_SOURCE_DIR
  folders << QDir(QStringLiteral(DS_SOURCE_DIR)).absoluteFilePath(QStringLiteral("resources/lessons"));
#endif
  return folders;
}

void MainWindow::buildLessonFileActions() {
  m_openLessonAction = new QAction(tr("&Open Lesson…"), this);
  m_openLessonAction->setShortcut(QKeySequence::Open);
  m_openLessonAction->setToolTip(tr("Open a lesson file (.dslesson): a lesson with its data, settings, t and caption"));
  connect(m_openLessonAction, &QAction::triggered, this, &MainWindow::openLessonInteractive);

  m_saveLessonAction = new QAction(tr("&Save Lesson As…"), this);
  m_saveLessonAction->setShortcuts({QKeySequence(tr("Ctrl+S")), QKeySequence(tr("Ctrl+Shift+S"))});
  m_saveLessonAction->setToolTip(
      tr("Save the current lesson (data, settings, t, direction, caption, hidden controls) as a lesson file"));
  connect(m_saveLessonAction, &QAction::triggered, this, &MainWindow::saveLessonInteractive);

  m_copyLinkAction = new QAction(tr("&Copy Lesson Link"), this);
  m_copyLinkAction->setObjectName(QStringLiteral("copyLessonLink"));
  m_copyLinkAction->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
  m_copyLinkAction->setToolTip(tr("Copy the current lesson as a diffusion-studio:// link to paste in a chat"));
  connect(m_copyLinkAction, &QAction::triggered, this, &MainWindow::copyLessonLink);

  m_pasteLinkAction = new QAction(tr("&Paste Lesson Link"), this);
  m_pasteLinkAction->setObjectName(QStringLiteral("pasteLessonLink"));
  m_pasteLinkAction->setShortcut(QKeySequence(tr("Ctrl+Shift+V")));
  m_pasteLinkAction->setToolTip(tr("Open the diffusion-studio:// lesson link on the clipboard"));
  connect(m_pasteLinkAction, &QAction::triggered, this, &MainWindow::pasteLessonLink);

  m_hideControlsAction = new QAction(tr("&Hide Lesson Controls"), this);
  m_hideControlsAction->setObjectName(QStringLiteral("hideControls"));
  m_hideControlsAction->setCheckable(true);
  m_hideControlsAction->setShortcut(QKeySequence(tr("Ctrl+Shift+H")));
  m_hideControlsAction->setToolTip(
      tr("Hide the lesson's control column so the plots fill the screen (a classroom option; saved in lesson files)"));
  connect(m_hideControlsAction, &QAction::toggled, this, &MainWindow::setControlsHidden);

  m_nextSlideAction = new QAction(tr("&Next Slide"), this);
  m_nextSlideAction->setObjectName(QStringLiteral("nextSlide"));
  m_nextSlideAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence(Qt::ALT | Qt::Key_Right)});
  m_nextSlideAction->setToolTip(tr("Open the next lesson file of the lecture"));
  connect(m_nextSlideAction, &QAction::triggered, this, &MainWindow::nextSlide);
  m_previousSlideAction = new QAction(tr("&Previous Slide"), this);
  m_previousSlideAction->setObjectName(QStringLiteral("previousSlide"));
  m_previousSlideAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp), QKeySequence(Qt::ALT | Qt::Key_Left)});
  m_previousSlideAction->setToolTip(tr("Open the previous lesson file of the lecture"));
  connect(m_previousSlideAction, &QAction::triggered, this, &MainWindow::previousSlide);
  for (QAction* a : {m_openLessonAction, m_saveLessonAction, m_copyLinkAction, m_pasteLinkAction, m_hideControlsAction,
                     m_nextSlideAction, m_previousSlideAction})
    addAction(a);  // the shortcuts work while the menu bar is hidden too

  // The lecture: the bundled lesson files in name order.
  const QStringList folders = m_options.lectureFolders.isEmpty() ? bundledLessonFolders() : m_options.lectureFolders;
  for (const QString& folder : folders) {
    const QDir dir(folder);
    const QStringList names = dir.entryList({QStringLiteral("*.") + kSuffix}, QDir::Files, QDir::Name);
    if (names.isEmpty()) continue;
    for (const QString& name : names) m_lecture << dir.absoluteFilePath(name);
    break;  // the first folder that has them (installed before the source tree)
  }

  if (m_options.persistSettings)
    m_recent = m_settings->value(QStringLiteral("lessons/recent")).toStringList().mid(0, kMaxRecent);
  setAcceptDrops(true);
}

void MainWindow::buildLectureMenu(QMenu* menu) {
  menu->setObjectName(QStringLiteral("lectureMenu"));
  menu->setToolTipsVisible(true);
  menu->addAction(m_nextSlideAction);
  menu->addAction(m_previousSlideAction);
  menu->addSeparator();
  for (int i = 0; i < m_lecture.size(); ++i) {
    QString error;
    const std::optional<LessonFile> file = LessonFile::read(m_lecture[i], lessonIds(), &error);
    const QString title =
        file && !file->title.isEmpty() ? lectureText(file->title) : QFileInfo(m_lecture[i]).completeBaseName();
    auto* action = menu->addAction(tr("%1. %2").arg(i + 1).arg(title));
    action->setCheckable(true);
    action->setData(i);
    action->setToolTip(file ? lectureText(file->caption) : error);
    connect(action, &QAction::triggered, this, [this, i] {
      QString error;
      if (!openSlide(i, &error)) QMessageBox::warning(this, tr("Lecture"), error);
    });
  }
  if (m_lecture.isEmpty()) menu->addAction(tr("No lecture files were found"))->setEnabled(false);
  m_lectureMenu = menu;
  updateSlideActions();
}

Lesson* MainWindow::lessonById(const QString& id) const {
  for (Lesson* lesson : m_lessons)
    if (lesson->id() == id) return lesson;
  return nullptr;
}

QStringList MainWindow::lessonIds() const {
  QStringList ids;
  for (const Lesson* lesson : m_lessons) ids << lesson->id();
  return ids;
}

LessonFile MainWindow::currentLessonFile() const {
  LessonFile file;
  Lesson* lesson = currentLesson();
  if (!lesson) return file;
  file.lesson = lesson->id();
  file.t = m_timeline->timestep();
  file.reverse = m_timeline->direction() == Direction::Reverse;
  file.caption = m_captions.value(lesson->id());
  file.hideControls = m_hideControls.value(lesson->id(), false);
  file.state = lesson->saveState();
  return file;
}

bool MainWindow::applyLessonFile(const LessonFile& file, QString* error) {
  Lesson* lesson = lessonById(file.lesson);
  if (!lesson) {
    *error = tr("This version of Diffusion Studio has no lesson “%1”.").arg(file.lesson);
    return false;
  }
  // The lesson checks its own fields first and changes nothing when one is wrong; the window's
  // part (below) cannot fail.
  if (!lesson->applyState(file.state, error)) return false;
  ActionLog::instance()->record(QStringLiteral("lesson file"), file.lesson);
  m_captions.insert(file.lesson, file.caption);
  m_hideControls.insert(file.lesson, file.hideControls);
  m_pendingT = -1;
  setCurrentLesson(file.lesson);
  m_timeline->setDirection(file.reverse ? Direction::Reverse : Direction::Forward);
  m_timeline->setSchedule(lesson->schedule());
  m_timeline->setTimestep(file.t);
  lesson->setTimestep(file.t);
  // A new T arrives with the lesson's next result: t is set again once the schedule reaches it.
  if (m_timeline->timestep() != file.t || lesson->timestep() != file.t) {
    m_pendingT = file.t;
    m_pendingLesson = file.lesson;
  }
  showLessonChrome();
  return true;
}

bool MainWindow::openLessonFile(const QString& path, QString* error) {
  QString why;
  std::optional<LessonFile> file = LessonFile::read(path, lessonIds(), &why);
  if (!file || !applyLessonFile(*file, &why)) {
    *error = file ? tr("Cannot open the lesson file %1: %2").arg(QDir::toNativeSeparators(path), why) : why;
    return false;
  }
  const int slide = m_lecture.indexOf(QFileInfo(path).absoluteFilePath());
  m_slide = slide;
  updateSlideActions();
  if (slide < 0) addRecent(QFileInfo(path).absoluteFilePath());
  setWindowFilePath(path);
  return true;
}

bool MainWindow::saveLessonFile(const QString& path, QString* error) {
  if (!currentLesson()) {
    *error = tr("No lesson is open.");
    return false;
  }
  if (!currentLessonFile().write(path, error)) return false;
  addRecent(QFileInfo(path).absoluteFilePath());
  return true;
}

QString MainWindow::lessonLink() const { return currentLessonFile().toLink(); }

bool MainWindow::openLessonLink(const QString& text, QString* error) {
  QString why;
  std::optional<LessonFile> file = LessonFile::fromLink(text, lessonIds(), &why);
  if (!file || !applyLessonFile(*file, &why)) {
    *error = tr("Cannot open the lesson link: %1").arg(why);
    return false;
  }
  m_slide = -1;
  updateSlideActions();
  return true;
}

QString MainWindow::caption() const {
  const Lesson* lesson = currentLesson();
  return lesson ? m_captions.value(lesson->id()) : QString();
}

bool MainWindow::controlsHidden() const {
  const Lesson* lesson = currentLesson();
  return lesson && m_hideControls.value(lesson->id(), false);
}

void MainWindow::setControlsHidden(bool hidden) {
  if (Lesson* lesson = currentLesson()) m_hideControls.insert(lesson->id(), hidden);
  showLessonChrome();
}

void MainWindow::showLessonChrome() {
  Lesson* lesson = currentLesson();
  if (!m_caption || !lesson) return;
  // The bundled lecture's captions are shown in the user's language; a file keeps the English words.
  const QString text = lectureText(caption());
  m_caption->setText(text);
  m_caption->setVisible(!text.isEmpty());
  // A little larger than the controls on a desk; in presentation mode the application font is
  // already large and the plots need the height.
  QFont font = QApplication::font();
  if (!m_presentation && font.pointSizeF() > 0) font.setPointSizeF(font.pointSizeF() * 1.15);
  m_caption->setFont(font);
  const bool hidden = controlsHidden();
  for (ControlsScrollArea* column : lesson->findChildren<ControlsScrollArea*>()) column->setVisible(!hidden);
  const QSignalBlocker block(m_hideControlsAction);
  m_hideControlsAction->setChecked(hidden);
}

// ---- the lecture ------------------------------------------------------------------------------

bool MainWindow::openSlide(int index, QString* error) {
  if (index < 0 || index >= m_lecture.size()) {
    *error = tr("The lecture has no slide %1.").arg(index + 1);
    return false;
  }
  return openLessonFile(m_lecture[index], error);
}

void MainWindow::nextSlide() {
  if (m_lecture.isEmpty()) return;
  QString error;
  if (!openSlide(std::min(m_slide + 1, int(m_lecture.size()) - 1), &error))
    QMessageBox::warning(this, tr("Lecture"), error);
}

void MainWindow::previousSlide() {
  if (m_lecture.isEmpty()) return;
  QString error;
  if (!openSlide(std::max(m_slide - 1, 0), &error)) QMessageBox::warning(this, tr("Lecture"), error);
}

void MainWindow::updateSlideActions() {
  if (!m_nextSlideAction) return;
  m_nextSlideAction->setEnabled(!m_lecture.isEmpty() && m_slide < m_lecture.size() - 1);
  m_previousSlideAction->setEnabled(m_slide > 0);
  if (m_lectureMenu)
    for (QAction* a : m_lectureMenu->actions())
      if (a->data().isValid()) a->setChecked(a->data().toInt() == m_slide);
  if (m_slide >= 0)
    statusBar()->showMessage(tr("Lecture: slide %1 of %2").arg(m_slide + 1).arg(m_lecture.size()), kStatusMs);
}

// ---- interactive ------------------------------------------------------------------------------

void MainWindow::openLessonPathInteractive(const QString& path) {
  QString error;
  if (!openLessonFile(path, &error)) return showError(tr("Open Lesson"), error);
  statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), kStatusMs);
}

void MainWindow::openLessonInteractive() {
  QString dir = m_settings->value(QStringLiteral("lessons/dir")).toString();
  if (dir.isEmpty() || !QDir(dir).exists()) dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open Lesson"), dir, tr("Lesson files (*.dslesson);;All files (*)"));
  if (path.isEmpty()) return;
  m_settings->setValue(QStringLiteral("lessons/dir"), QFileInfo(path).absolutePath());
  openLessonPathInteractive(path);
}

void MainWindow::saveLessonInteractive() {
  if (!currentLesson()) return;
  QString dir = m_settings->value(QStringLiteral("lessons/dir")).toString();
  if (dir.isEmpty() || !QDir(dir).exists()) dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString name = QStringLiteral("%1-t%2.%3").arg(currentLesson()->id()).arg(m_timeline->timestep()).arg(kSuffix);
  QString path = QFileDialog::getSaveFileName(this, tr("Save Lesson As"), QDir(dir).filePath(name),
                                              tr("Lesson files (*.dslesson)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + kSuffix;
  QString error;
  if (!saveLessonFile(path, &error)) return showError(tr("Save Lesson As"), error);
  m_settings->setValue(QStringLiteral("lessons/dir"), QFileInfo(path).absolutePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kStatusMs);
}

void MainWindow::copyLessonLink() {
  if (!currentLesson()) return;
  QApplication::clipboard()->setText(lessonLink());
  statusBar()->showMessage(tr("Copied a link to this lesson: paste it in a chat; Edit → Paste Lesson Link opens it"),
                           kStatusMs);
}

void MainWindow::pasteLessonLink() {
  const QString text = QApplication::clipboard()->text();
  QString error;
  if (text.trimmed().isEmpty()) error = tr("The clipboard holds no text; copy a diffusion-studio://lesson link first.");
  else if (openLessonLink(text, &error))
    return statusBar()->showMessage(tr("Opened the pasted lesson link"), kStatusMs);
  showError(tr("Paste Lesson Link"), error);
}

void MainWindow::addRecent(const QString& path) {
  m_recent.removeAll(path);
  m_recent.prepend(path);
  while (m_recent.size() > kMaxRecent) m_recent.removeLast();
  if (m_options.persistSettings) m_settings->setValue(QStringLiteral("lessons/recent"), m_recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  if (!m_recentMenu) return;
  m_recentMenu->clear();
  for (int i = 0; i < m_recent.size(); ++i) {
    const QString path = m_recent[i];
    auto* a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
    a->setToolTip(QDir::toNativeSeparators(path));
    connect(a, &QAction::triggered, this, [this, path] { openLessonPathInteractive(path); });
  }
  if (m_recent.isEmpty()) {
    m_recentMenu->addAction(tr("No recent lessons"))->setEnabled(false);
    return;
  }
  m_recentMenu->addSeparator();
  m_recentMenu->addAction(tr("&Clear Recent Lessons"), this, [this] {
    m_recent.clear();
    if (m_options.persistSettings) m_settings->setValue(QStringLiteral("lessons/recent"), m_recent);
    rebuildRecentMenu();
  });
}

// ---- drag and drop ------------------------------------------------------------------------------

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const QMimeData* mime = event->mimeData();
  if (!droppedLessonPath(mime).isEmpty() || (mime && mime->hasText() && LessonFile::looksLikeLink(mime->text())))
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  const QString path = droppedLessonPath(mime);
  if (!path.isEmpty()) {
    event->acceptProposedAction();
    openLessonPathInteractive(path);
  } else if (mime && mime->hasText() && LessonFile::looksLikeLink(mime->text())) {
    event->acceptProposedAction();
    QString error;
    if (!openLessonLink(mime->text(), &error)) showError(tr("Open Lesson"), error);
  }
}

}  // namespace ds::ui
