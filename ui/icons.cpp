#include "ui/icons.h"

#include <QBuffer>
#include <QFile>
#include <QFont>
#include <QGuiApplication>
#include <QImageReader>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>

namespace ds::ui {

namespace {

// Pixmap sizes of a tinted icon: toolbar and list sizes at 1× and 2×, and large ones for the window
// manager. Untinted SVGs need none: the SVG icon engine renders them at any size.
const int kSizes[] = {16, 24, 32, 48, 64, 128, 256};

QString iconPath(const QString& name) { return QStringLiteral(":/icons/%1.svg").arg(name); }

}  // namespace

QIcon svgIcon(const QString& name, const QColor& color) {
  QFile file(iconPath(name));
  if (!file.open(QIODevice::ReadOnly)) {
    qWarning("icon %s: not in the resources (resources/icons/%s.svg)", qPrintable(name), qPrintable(name));
    return {};
  }
  QByteArray svg = file.readAll();
  if (!svg.contains("currentColor")) return QIcon(file.fileName());

  // QtSvg (SVG Tiny 1.2) has no notion of the widget's colour, so the colour is written into the
  // drawing before it is rendered.
  const QColor tint = color.isValid() ? color : QGuiApplication::palette().color(QPalette::WindowText);
  svg.replace("currentColor", tint.name(QColor::HexRgb).toLatin1());
  QIcon icon;
  for (int size : kSizes) {
    QBuffer buffer(&svg);
    QImageReader reader(&buffer, "svg");
    reader.setScaledSize(QSize(size, size));
    const QImage image = reader.read();
    if (image.isNull()) {
      qWarning("icon %s: cannot render the SVG (%s); is Qt's SVG image plugin installed?", qPrintable(name),
               qPrintable(reader.errorString()));
      return {};
    }
    icon.addPixmap(QPixmap::fromImage(image));
  }
  return icon;
}

QIcon appIcon() { return svgIcon(QStringLiteral("diffusion-studio")); }

QIcon lessonIcon(const QString& lessonId, const QColor& color) {
  const QString name = QStringLiteral("lesson-") + lessonId.toLower();
  if (!QFile::exists(iconPath(name))) return {};
  return svgIcon(name, color);
}

QIcon badgeIcon(const QString& text, const QColor& color) {
  QIcon icon;
  for (int s : kSizes) {
    QPixmap pixmap(s, s);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(0.5, 0.5, s - 1.0, s - 1.0), s * 0.2, s * 0.2);
    QFont f;
    f.setBold(true);
    f.setPixelSize(std::max(6, static_cast<int>(s * (text.size() > 2 ? 0.32 : 0.42))));
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, s, s), Qt::AlignCenter, text);
    icon.addPixmap(pixmap);
    icon.addPixmap(pixmap, QIcon::Selected);
  }
  return icon;
}

QIcon stepIcon(bool forward, const QColor& color) {
  return svgIcon(forward ? QStringLiteral("step-forward") : QStringLiteral("step-back"), color);
}

}  // namespace ds::ui
