#pragma once
// The application's icons. Drawings are SVG files in resources/icons/ (compiled in as
// ":/icons/NAME.svg"); Qt's SVG image plugin (Debian: libqt6svg6) renders them at run time, so the
// program does not link QtSvg. Icons whose SVG paints with currentColor are tinted: currentColor
// becomes the colour given (by default the palette's text colour), so they follow the theme.

#include <QColor>
#include <QIcon>
#include <QString>

namespace ds::ui {

// ":/icons/NAME.svg" as an icon, with currentColor replaced by `color` (an invalid colour: the
// application palette's WindowText). A null icon, with a warning, when NAME does not exist.
QIcon svgIcon(const QString& name, const QColor& color = QColor());

// The application icon (diffusion-studio.svg): a bimodal data density dissolving into a Gaussian.
QIcon appIcon();

// The icon of a lesson in the lesson switcher, lesson-ID.svg on a tile of this colour; a null icon
// when there is none for this id (the caller then uses badgeIcon).
QIcon lessonIcon(const QString& lessonId, const QColor& color);

// A rounded badge with a short text, e.g. "1D", for the lesson switcher when a lesson has no icon.
// Painted in code, because the text is whatever the lesson's id is.
QIcon badgeIcon(const QString& text, const QColor& color);

// A "step one frame" transport icon: a triangle against a bar (▶| forward, |◀ back), in this colour.
QIcon stepIcon(bool forward, const QColor& color);

}  // namespace ds::ui
