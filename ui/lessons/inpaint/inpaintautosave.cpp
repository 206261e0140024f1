// The Inpaint lesson's work that survives a crash (ui/autosave.h): a mask the user painted and
// the picture under it. In the lesson's autosave folder, each written atomically (QSaveFile):
//   picture.png   the picture as the lesson holds it (8-bit grayscale, the document's size)
//   mask.png      the mask, white = fill (the format of Save mask…)
//   state.json    which test picture it was, or that it came from a file

#include "ui/lessons/inpaint/lessoninpaint.h"

#include "ui/jobtracker.h"
#include "ui/lessons/inpaint/inpaintcontrols.h"
#include "ui/lessons/inpaint/inpaintdocument.h"
#include "ui/lessons/inpaint/maskdocument.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <stdexcept>

namespace ds::ui {

namespace {

const QString kPicture = QStringLiteral("picture.png");
const QString kMask = QStringLiteral("mask.png");
const QString kState = QStringLiteral("state.json");

[[noreturn]] void throwWriteError(const QSaveFile& file) {
  throw std::runtime_error(QStringLiteral("cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(file.fileName()), file.errorString())
                               .toStdString());
}

void savePng(const QImage& image, const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) throwWriteError(file);
  if (!image.save(&file, "PNG")) {
    file.cancelWriting();
    throw std::runtime_error(
        QStringLiteral("cannot write %1: the PNG encoder failed").arg(QDir::toNativeSeparators(path)).toStdString());
  }
  if (!file.commit()) throwWriteError(file);
}

void saveBytes(const QByteArray& bytes, const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) throwWriteError(file);
}

}  // namespace

AutosaveSnapshot LessonInpaint::autosaveSnapshot() const {
  AutosaveSnapshot snap;
  const bool painted = m_mask->mask() != m_startMask;
  if (!painted && !m_userPicture) return snap;  // the starting box on a test picture: nothing to lose
  const QString picture = m_userPicture             ? tr("a picture loaded from a file")
                          : m_doc->testIndex() >= 0 ? tr("test picture %1").arg(m_doc->testIndex())
                                                    : tr("the picture");
  if (!painted) snap.items << picture;
  else snap.items << tr("a mask over %1 % of %2").arg(std::lround(100 * m_mask->maskFraction())).arg(picture);
  QJsonObject state;
  state[QStringLiteral("testIndex")] = m_doc->testIndex();
  state[QStringLiteral("userPicture")] = m_userPicture;
  // Copies: QImage is implicitly shared and read-only here, so the worker may encode it.
  snap.write = [picture = m_mask->image(), mask = m_mask->maskImage(),
                stateJson = QJsonDocument(state).toJson()](const QString& folder) {
    const QDir dir(folder);
    savePng(picture, dir.filePath(kPicture));
    savePng(mask, dir.filePath(kMask));
    saveBytes(stateJson, dir.filePath(kState));
  };
  return snap;
}

bool LessonInpaint::restoreAutosave(const QString& folder, QString* error) {
  auto fail = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  const QDir dir(folder);
  QImageReader reader(dir.filePath(kPicture));
  const QSize declared = reader.size();
  if (!declared.isValid() || declared.width() > MaskDocument::kMaxImageSide ||
      declared.height() > MaskDocument::kMaxImageSide)
    return fail(tr("the autosaved picture %1 cannot be read").arg(QDir::toNativeSeparators(dir.filePath(kPicture))));
  QImage picture;
  if (!reader.read(&picture))
    return fail(tr("the autosaved picture %1 cannot be read (%2)")
                    .arg(QDir::toNativeSeparators(dir.filePath(kPicture)), reader.errorString()));
  QJsonObject state;
  if (QFile file(dir.filePath(kState)); file.open(QIODevice::ReadOnly))
    state = QJsonDocument::fromJson(file.readAll()).object();

  // Checked before anything changes: a mask must have the document's size (loadMask says so too).
  const QString maskPath = dir.filePath(kMask);
  const bool hasMask = QFile::exists(maskPath);
  if (hasMask && QImageReader(maskPath).size() != m_mask->size())
    return fail(tr("the autosaved mask %1 does not fit the picture").arg(QDir::toNativeSeparators(maskPath)));

  // A test picture still on its way would replace the restored one.
  m_pictureTracker->cancel();
  m_mask->setImage(picture, tr("The autosaved picture"));
  QString maskError;
  if (hasMask && !m_mask->loadMask(maskPath, &maskError)) return fail(maskError);
  m_userPicture = state.value(QStringLiteral("userPicture")).toBool();
  m_doc->setTestIndex(state.value(QStringLiteral("testIndex")).toInt(-1));
  m_restored = true;
  m_controls->setStatus(tr("The autosaved picture and mask are back. Press Inpaint to fill the mask."));
  Q_EMIT autosaveNeeded(true);
  return true;
}

}  // namespace ds::ui
