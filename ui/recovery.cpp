#include "ui/recovery.h"

#include "ui/autosave.h"
#include "ui/crashhandler.h"
#include "ui/lesson.h"
#include "ui/widgets/noticebar.h"

#include <QBoxLayout>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QUrl>

namespace ds::ui {

namespace {

const QString kAnnouncedKey = QStringLiteral("crash/announced");

QString whenText(const QDateTime& when) {
  if (!when.isValid()) return {};
  const QLocale locale;
  if (when.date() == QDate::currentDate()) return locale.toString(when.time(), QLocale::ShortFormat);
  return locale.toString(when, QLocale::ShortFormat);
}

QString fileLink(const QString& path) {
  return QStringLiteral("<a href=\"%1\">%2</a>")
      .arg(QUrl::fromLocalFile(path).toString().toHtmlEscaped(), QDir::toNativeSeparators(path).toHtmlEscaped());
}

}  // namespace

Recovery::Recovery(const QString& dataFolder, std::vector<Lesson*> lessons, int autosaveIntervalMs, QSettings* settings,
                   QBoxLayout* noticeArea, QWidget* window)
    : QObject(window),
      m_dataFolder(dataFolder),
      m_lessons(lessons),
      m_settings(settings),
      m_noticeArea(noticeArea),
      m_window(window),
      m_autosave(new Autosave(dataFolder, std::move(lessons), autosaveIntervalMs, this)) {
  // Said once per distinct failure, not every 30 s while the disk stays full.
  connect(m_autosave, &Autosave::failed, this, [this](const QString& message) {
    Q_EMIT statusMessage(tr("Autosave failed (your work is still open here; save it to keep it): %1")
                             .arg(QString(message).replace(QLatin1Char('\n'), QStringLiteral("; "))));
  });
}

void Recovery::showNotices() {
  showCrashNotice();
  showRestoreOffer();
}

void Recovery::showRestoreOffer() {
  const std::vector<Autosave::Found>& found = m_autosave->found();
  if (found.empty()) return;
  QStringList parts;
  QSet<QString> listed;
  for (const Autosave::Found& f : found) {  // newest first: the one a restore takes
    if (listed.contains(f.lessonId)) continue;
    listed.insert(f.lessonId);
    parts << tr("<b>%1</b> (autosaved %2): %3")
                 .arg(f.lessonTitle.toHtmlEscaped(), whenText(f.saved),
                      f.items.join(QStringLiteral(", ")).toHtmlEscaped());
  }
  auto* bar = new NoticeBar(NoticeBar::Kind::Information, m_window);
  bar->setObjectName(QStringLiteral("restoreOffer"));
  bar->setText(tr("Diffusion Studio did not close normally last time. This work was autosaved:<br>%1<br>"
                  "Restore puts it back into the lessons; Discard deletes it.")
                   .arg(parts.join(QStringLiteral("<br>"))));
  bar->addButton(tr("Restore"), QStringLiteral("restoreButton"), [this, bar] { restore(bar); });
  bar->addButton(tr("Discard"), QStringLiteral("discardButton"), [this] {
    m_autosave->discardFound();
    Q_EMIT statusMessage(tr("The autosaved work was deleted."));
  });
  m_noticeArea->addWidget(bar);
}

void Recovery::restore(NoticeBar* bar) {
  QStringList restored, failures;
  m_autosave->restore(&restored, &failures);
  if (!restored.isEmpty()) Q_EMIT statusMessage(tr("Restored %1").arg(restored.join(QStringLiteral("; "))));
  if (failures.isEmpty()) return;
  bar->keepOpen();  // Discard still deletes what could not be restored
  QStringList folders;
  for (const Autosave::Found& f : m_autosave->found()) folders << fileLink(f.folder);
  for (QString& line : failures) line = line.toHtmlEscaped();
  bar->setText(tr("Some autosaved work could not be restored:<br>%1<br>It is kept in %2.")
                   .arg(failures.join(QStringLiteral("<br>")), folders.join(QStringLiteral(", "))));
  if (auto* button = bar->findChild<QPushButton*>(QStringLiteral("restoreButton"))) button->setEnabled(false);
}

void Recovery::showCrashNotice() {
  const QStringList reports = crash::reportsIn(m_dataFolder);
  QStringList announced = m_settings ? m_settings->value(kAnnouncedKey).toStringList() : QStringList();
  QStringList fresh;
  for (const QString& path : reports)
    if (!announced.contains(QFileInfo(path).fileName())) fresh << path;
  if (fresh.isEmpty()) return;
  // Told once: the file stays where it is, and the bar says where.
  for (const QString& path : fresh) announced << QFileInfo(path).fileName();
  if (m_settings) m_settings->setValue(kAnnouncedKey, announced);

  const QString newest = fresh.front();
  const QString cause = crash::causeOf(newest);
  QString text = cause.isEmpty() ? tr("<b>Diffusion Studio stopped unexpectedly.</b>")
                                 : tr("<b>Diffusion Studio stopped unexpectedly:</b> %1.").arg(cause.toHtmlEscaped());
  text += QLatin1Char(' ') + tr("A crash report was written to %1.").arg(fileLink(newest));
  if (fresh.size() > 1)
    text += QLatin1Char(' ') + tr("(%1 reports since the last start; this is the newest.)").arg(fresh.size());
  text += QLatin1Char(' ') + tr("Please attach it when you report the problem.");
  auto* bar = new NoticeBar(NoticeBar::Kind::Warning, m_window);
  bar->setObjectName(QStringLiteral("crashNotice"));
  bar->setText(text);
  bar->addButton(tr("Open Folder"), QStringLiteral("openReportFolderButton"),
                 [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_dataFolder)); });
  bar->addButton(tr("Dismiss"), QStringLiteral("dismissCrashButton"), {});
  m_noticeArea->addWidget(bar);
}

bool Recovery::confirmClose() {
  for (Lesson* lesson : m_lessons) {
    const QString work = lesson->unsavedWork();
    if (work.isEmpty()) continue;
    QMessageBox box(QMessageBox::Question, tr("Save before closing?"), work, QMessageBox::NoButton, m_window);
    box.setObjectName(QStringLiteral("unsavedWorkPrompt"));
    box.setInformativeText(
        tr("Closing without saving loses it: after a normal close nothing is kept for the next "
           "start."));
    QPushButton* save = box.addButton(tr("Save…"), QMessageBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveUnsavedButton"));
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardUnsavedButton"));
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelCloseButton"));
    box.setDefaultButton(save);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == discard) continue;
    if (box.clickedButton() != save) return false;  // Cancel, Escape
    if (!lesson->saveUnsavedWork()) return false;   // the file dialog was cancelled, or saving failed
  }
  return true;
}

void Recovery::finish() { m_autosave->finish(); }

}  // namespace ds::ui
