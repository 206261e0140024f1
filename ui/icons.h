#pragma once
// Icons drawn with QPainter at any size (no binary image files in the repository).

#include <QColor>
#include <QIcon>
#include <QString>

namespace ds::ui {

// The application icon: a bimodal data density dissolving into a Gaussian.
QIcon appIcon();
// A rounded badge with a short text, e.g. "1D", for the lesson switcher when a lesson sets no icon.
QIcon badgeIcon(const QString& text, const QColor& color);

// A "step one frame" transport icon: a triangle against a bar (▶| forward, |◀ back), in this colour.
QIcon stepIcon(bool forward, const QColor& color);

}  // namespace ds::ui
