#include "ui/icons.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPolygonF>

#include <cmath>

namespace ds::ui {

namespace {

const int kSizes[] = {16, 24, 32, 48, 64, 128, 256};

double gauss(double x, double mu, double sigma) {
  const double z = (x - mu) / sigma;
  return std::exp(-0.5 * z * z) / sigma;
}

QPixmap drawAppIcon(int size) {
  QPixmap pixmap(size, size);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  const QRectF r(0.5, 0.5, size - 1.0, size - 1.0);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0x1f, 0x3a, 0x5f));
  p.drawRoundedRect(r, size * 0.18, size * 0.18);

  // Two curves: the bimodal data density (t = 0) and the standard normal it becomes (t = T).
  auto curve = [&](auto density, double peak) {
    QPainterPath path;
    const int n = 64;
    for (int i = 0; i <= n; ++i) {
      const double u = static_cast<double>(i) / n;
      const double x = -3.0 + 6.0 * u;
      const QPointF pt(r.left() + size * (0.1 + 0.8 * u), r.bottom() - size * (0.15 + 0.65 * density(x) / peak));
      if (i == 0) path.moveTo(pt); else path.lineTo(pt);
    }
    return path;
  };
  const double lw = std::max(1.0, size / 20.0);
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(QColor(0xff, 0xb3, 0x47), lw, Qt::SolidLine, Qt::RoundCap));
  p.drawPath(curve([](double x) { return 0.5 * gauss(x, -1.4, 0.45) + 0.5 * gauss(x, 1.4, 0.45); }, 0.5 / 0.45));
  p.setPen(QPen(QColor(0x8e, 0xd1, 0xfc), lw, Qt::DashLine, Qt::RoundCap));
  p.drawPath(curve([](double x) { return gauss(x, 0.0, 1.0); }, 1.0 / 0.45 * 0.5));
  return pixmap;
}

}  // namespace

QIcon appIcon() {
  QIcon icon;
  for (int s : kSizes) icon.addPixmap(drawAppIcon(s));
  return icon;
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
  QIcon icon;
  for (int s : kSizes) {
    QPixmap pixmap(s, s);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    if (!forward) {  // mirror: |◀
      p.translate(s, 0);
      p.scale(-1, 1);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    const double m = s * 0.22;  // margin
    const double bar = std::max(1.0, s * 0.12);
    QPolygonF triangle;
    triangle << QPointF(m, m) << QPointF(s - m - bar * 1.6, s / 2.0) << QPointF(m, s - m);
    p.drawPolygon(triangle);
    p.drawRect(QRectF(s - m - bar, m, bar, s - 2 * m));
    icon.addPixmap(pixmap);
  }
  return icon;
}

}  // namespace ds::ui
