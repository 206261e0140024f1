#include "ui/lessons/inpaint/maskdocument.h"

#include <QFileInfo>
#include <QImageReader>
#include <QPainter>
#include <QSaveFile>
#include <QStringList>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

QString sizeText(const QSize& size) { return QStringLiteral("%1×%2").arg(size.width()).arg(size.height()); }

// "a", "a and b", "a, b and c".
QString joinSteps(const QStringList& steps) {
  if (steps.size() <= 1) return steps.join(QString());
  // Whole phrases, so that a translation can order and join them as its language does.
  return MaskDocument::tr("%1 and %2", "the last two items of a list")
      .arg(steps.mid(0, steps.size() - 1).join(MaskDocument::tr(", ", "between the items of a list")), steps.last());
}

bool hasTransparency(const QImage& image) {
  if (!image.hasAlphaChannel()) return false;
  const QImage alpha = image.convertToFormat(QImage::Format_Alpha8);
  for (int y = 0; y < alpha.height(); ++y) {
    const uchar* row = alpha.constScanLine(y);
    if (std::any_of(row, row + alpha.width(), [](uchar a) { return a < 255; })) return true;
  }
  return false;
}

}  // namespace

// A mask edit with the whole mask before and after: masks are small (28×28 floats by default),
// and whole snapshots make undo exact whatever the edit was. Dabs of one stroke merge: the
// first dab's "before" and the last dab's "after".
class MaskEditCommand : public QUndoCommand {
 public:
  MaskEditCommand(MaskDocument* doc, std::vector<float> after, const QString& text, int stroke)
      : QUndoCommand(text), m_doc(doc), m_before(doc->mask()), m_after(std::move(after)), m_stroke(stroke) {}

  int id() const override { return m_stroke >= 0 ? 1 : -1; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* o = static_cast<const MaskEditCommand*>(other);
    if (o->m_stroke != m_stroke) return false;
    m_after = o->m_after;
    return true;
  }
  void redo() override { m_doc->applyMask(m_after); }
  void undo() override { m_doc->applyMask(m_before); }

 private:
  MaskDocument* m_doc;
  std::vector<float> m_before, m_after;
  int m_stroke;
};

class ImageCommand : public QUndoCommand {
 public:
  ImageCommand(MaskDocument* doc, QImage after, QString description)
      : QUndoCommand(MaskDocument::tr("New picture")),
        m_doc(doc),
        m_before(doc->image()),
        m_beforeText(doc->imageDescription()),
        m_after(std::move(after)),
        m_afterText(std::move(description)) {}
  void redo() override { m_doc->applyImage(m_after, m_afterText); }
  void undo() override { m_doc->applyImage(m_before, m_beforeText); }

 private:
  MaskDocument* m_doc;
  QImage m_before;
  QString m_beforeText;
  QImage m_after;
  QString m_afterText;
};

MaskDocument::MaskDocument(QObject* parent) : MaskDocument(kDefaultSide, kDefaultSide, parent) {}

MaskDocument::MaskDocument(int width, int height, QObject* parent)
    : QObject(parent),
      m_width(std::max(1, width)),
      m_height(std::max(1, height)),
      m_image(m_width, m_height, QImage::Format_Grayscale8),
      m_mask(std::size_t(m_width) * std::size_t(m_height), 0.0f),
      m_undo(new QUndoStack(this)) {
  m_image.fill(0);
}

MaskDocument::~MaskDocument() {
  m_undo->blockSignals(true);
  delete m_undo;
}

std::vector<float> MaskDocument::imagePixels() const {
  std::vector<float> out(std::size_t(m_width) * std::size_t(m_height));
  for (int y = 0; y < m_height; ++y) {
    const uchar* row = m_image.constScanLine(y);
    for (int x = 0; x < m_width; ++x) out[std::size_t(y) * m_width + x] = float(row[x]) / 127.5f - 1.0f;
  }
  return out;
}

QString MaskDocument::setImage(const QImage& image, const QString& name) {
  const QString what = name.isEmpty() ? tr("The picture") : name;
  if (image.isNull() || image.width() <= 0 || image.height() <= 0)
    return tr("%1 is empty; the picture was not changed.").arg(what);
  QStringList steps;
  QImage src = image;
  if (hasTransparency(src)) {
    // Composite on black, the colour of the bars, rather than letting the conversion drop alpha.
    QImage flat(src.size(), QImage::Format_RGB32);
    flat.fill(Qt::black);
    QPainter(&flat).drawImage(0, 0, src);
    src = flat;
    steps << tr("put on black where transparent");
  }
  if (src.format() != QImage::Format_Grayscale8) {
    if (!src.isGrayscale()) steps << tr("converted to grayscale");
    src = src.convertToFormat(QImage::Format_Grayscale8);
  }
  const QSize fit = src.size().scaled(size(), Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
  if (fit != src.size()) {
    src = src.scaled(fit, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_Grayscale8);
    steps << tr("scaled to %1").arg(sizeText(fit));
  }
  QImage out(m_width, m_height, QImage::Format_Grayscale8);
  out.fill(0);
  const int left = (m_width - fit.width()) / 2, top = (m_height - fit.height()) / 2;
  for (int y = 0; y < fit.height(); ++y) std::copy_n(src.constScanLine(y), fit.width(), out.scanLine(top + y) + left);
  if (fit != size()) steps << tr("centred in %1").arg(sizeText(size()));
  const QString head = QStringLiteral("%1 (%2)").arg(what, sizeText(image.size()));
  const QString description =
      steps.isEmpty() ? tr("%1 is used as it is.").arg(head) : tr("%1 was %2.").arg(head, joinSteps(steps));
  m_undo->push(new ImageCommand(this, out, description));
  return description;
}

bool MaskDocument::loadImage(const QString& path, QString* error, QString* message) {
  const QString name = QFileInfo(path).fileName();
  QImageReader reader(path);
  reader.setDecideFormatFromContent(true);
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (!QFileInfo(path).isFile()) return fail(tr("%1 does not exist or is not a file.").arg(path));
  if (!reader.canRead()) return fail(tr("%1 is not a picture that can be read (%2).").arg(name, reader.errorString()));
  const QSize declared = reader.size();
  if (declared.isValid() && (declared.width() > kMaxImageSide || declared.height() > kMaxImageSide))
    return fail(tr("%1 is %2 pixels; pictures up to %3×%3 can be loaded. Nothing was changed.")
                    .arg(name, sizeText(declared))
                    .arg(kMaxImageSide));
  QImage image;
  if (!reader.read(&image) || image.isNull())
    return fail(tr("%1 could not be decoded (%2). Nothing was changed.").arg(name, reader.errorString()));
  if (image.width() > kMaxImageSide || image.height() > kMaxImageSide)
    return fail(tr("%1 is %2 pixels; pictures up to %3×%3 can be loaded. Nothing was changed.")
                    .arg(name, sizeText(image.size()))
                    .arg(kMaxImageSide));
  const QString description = setImage(image, name);
  if (message) *message = description;
  return true;
}

float MaskDocument::maskAt(int x, int y) const {
  if (x < 0 || y < 0 || x >= m_width || y >= m_height) return 0.0f;
  return m_mask[std::size_t(y) * m_width + x];
}

double MaskDocument::maskFraction() const {
  const auto filled = std::count_if(m_mask.begin(), m_mask.end(), [](float m) { return m >= 0.5f; });
  return double(filled) / double(m_mask.size());
}

QImage MaskDocument::maskImage() const {
  QImage out(m_width, m_height, QImage::Format_Grayscale8);
  for (int y = 0; y < m_height; ++y) {
    uchar* row = out.scanLine(y);
    for (int x = 0; x < m_width; ++x) row[x] = uchar(std::lround(255.0f * m_mask[std::size_t(y) * m_width + x]));
  }
  return out;
}

bool MaskDocument::setMask(const std::vector<float>& mask, const QString& text) {
  if (mask.size() != m_mask.size()) return false;
  std::vector<float> clamped(mask.size());
  std::transform(mask.begin(), mask.end(), clamped.begin(), [](float m) { return std::clamp(m, 0.0f, 1.0f); });
  pushMask(std::move(clamped), text.isEmpty() ? tr("Set mask") : text);
  return true;
}

bool MaskDocument::loadMask(const QString& path, QString* error) {
  const QString name = QFileInfo(path).fileName();
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (!QFileInfo(path).isFile()) return fail(tr("%1 does not exist or is not a file.").arg(path));
  QImageReader reader(path);
  reader.setDecideFormatFromContent(true);
  if (!reader.canRead()) return fail(tr("%1 is not a mask picture (%2).").arg(name, reader.errorString()));
  // Checked before decoding, so a huge file is refused without allocating it.
  const QSize declared = reader.size();
  if (declared.isValid() && declared != size())
    return fail(tr("The mask %1 is %2 pixels but the picture is %3; a mask must have the picture's size.")
                    .arg(name, sizeText(declared), sizeText(size())));
  QImage image;
  if (!reader.read(&image) || image.isNull())
    return fail(tr("%1 could not be decoded (%2). The mask was not changed.").arg(name, reader.errorString()));
  if (image.size() != size())
    return fail(tr("The mask %1 is %2 pixels but the picture is %3; a mask must have the picture's size.")
                    .arg(name, sizeText(image.size()), sizeText(size())));
  image = image.convertToFormat(QImage::Format_Grayscale8);
  std::vector<float> mask(m_mask.size());
  for (int y = 0; y < m_height; ++y) {
    const uchar* row = image.constScanLine(y);
    for (int x = 0; x < m_width; ++x) mask[std::size_t(y) * m_width + x] = float(row[x]) / 255.0f;
  }
  pushMask(std::move(mask), tr("Load mask %1").arg(name));
  return true;
}

bool MaskDocument::saveMask(const QString& path, QString* error) const {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  if (!maskImage().save(&file, "PNG")) {
    file.cancelWriting();
    if (error) *error = tr("Cannot write %1: the PNG encoder failed (%2).").arg(path, file.errorString());
    return false;
  }
  if (!file.commit()) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

void MaskDocument::fillAll() { pushMask(std::vector<float>(m_mask.size(), 1.0f), tr("Fill all")); }

void MaskDocument::clear() { pushMask(std::vector<float>(m_mask.size(), 0.0f), tr("Clear mask")); }

void MaskDocument::invert() {
  std::vector<float> out(m_mask.size());
  std::transform(m_mask.begin(), m_mask.end(), out.begin(), [](float m) { return 1.0f - m; });
  pushMask(std::move(out), tr("Invert mask"));
}

void MaskDocument::fillRect(const QRect& pixels, float value) {
  const QRect r = pixels.normalized().intersected(QRect(QPoint(0, 0), size()));
  if (r.isEmpty()) return;
  std::vector<float> out = m_mask;
  for (int y = r.top(); y <= r.bottom(); ++y)
    std::fill_n(out.begin() + std::ptrdiff_t(y) * m_width + r.left(), r.width(), std::clamp(value, 0.0f, 1.0f));
  pushMask(std::move(out), value >= 0.5f ? tr("Fill rectangle") : tr("Clear rectangle"));
}

void MaskDocument::fillPolygon(const QPolygonF& polygon, float value) {
  if (polygon.size() < 3) return;
  const QRect bounds = polygon.boundingRect().toAlignedRect().intersected(QRect(QPoint(0, 0), size()));
  std::vector<float> out = m_mask;
  for (int y = bounds.top(); y <= bounds.bottom(); ++y)
    for (int x = bounds.left(); x <= bounds.right(); ++x)
      if (polygon.containsPoint(QPointF(x + 0.5, y + 0.5), Qt::WindingFill))
        out[std::size_t(y) * m_width + x] = std::clamp(value, 0.0f, 1.0f);
  pushMask(std::move(out), value >= 0.5f ? tr("Fill lasso") : tr("Clear lasso"));
}

float MaskDocument::coverage(double distance, double radius, double hardness) {
  if (!(radius > 0) || distance >= radius) return 0.0f;
  const double inner = std::clamp(hardness, 0.0, 1.0) * radius;
  if (distance <= inner) return 1.0f;
  return float((radius - distance) / (radius - inner));
}

void MaskDocument::stamp(std::vector<float>& mask, QPointF centre, const MaskBrush& brush) const {
  const double r = std::max(0.5, brush.size / 2.0);
  const int x0 = std::max(0, int(std::floor(centre.x() - r))),
            x1 = std::min(m_width - 1, int(std::floor(centre.x() + r)));
  const int y0 = std::max(0, int(std::floor(centre.y() - r))),
            y1 = std::min(m_height - 1, int(std::floor(centre.y() + r)));
  // The pixel under the centre is always fully covered: a 1-pixel brush then paints the pixel the
  // cursor is in, wherever in that pixel it is (the disc alone could miss its centre).
  const int cx = int(std::floor(centre.x())), cy = int(std::floor(centre.y()));
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const double d = std::hypot(x + 0.5 - centre.x(), y + 0.5 - centre.y());
      const float c = (x == cx && y == cy) ? 1.0f : coverage(d, r, brush.hardness);
      if (c <= 0.0f) continue;
      float& m = mask[std::size_t(y) * m_width + x];
      m = brush.erase ? std::min(m, 1.0f - c) : std::max(m, c);
    }
  }
}

void MaskDocument::dab(QPointF centre, const MaskBrush& brush, int stroke) {
  std::vector<float> out = m_mask;
  stamp(out, centre, brush);
  pushMask(std::move(out), brush.erase ? tr("Eraser stroke") : tr("Brush stroke"), stroke);
}

void MaskDocument::dabLine(QPointF from, QPointF to, const MaskBrush& brush, int stroke) {
  const double r = std::max(0.5, brush.size / 2.0);
  const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
  const int n = std::max(1, int(std::ceil(length / (0.25 * r))));
  std::vector<float> out = m_mask;
  for (int i = 1; i <= n; ++i) stamp(out, from + (to - from) * (double(i) / n), brush);
  pushMask(std::move(out), brush.erase ? tr("Eraser stroke") : tr("Brush stroke"), stroke);
}

void MaskDocument::pushMask(std::vector<float> after, const QString& text, int stroke) {
  if (after == m_mask) return;  // nothing changed: no empty undo step
  m_undo->push(new MaskEditCommand(this, std::move(after), text, stroke));
}

void MaskDocument::applyMask(const std::vector<float>& mask) {
  m_mask = mask;
  Q_EMIT maskChanged();
}

void MaskDocument::applyImage(const QImage& image, const QString& description) {
  m_image = image;
  m_imageDescription = description;
  Q_EMIT imageChanged();
}

}  // namespace ds::ui
