#include "ui/widgets/noticebar.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace ds::ui {

NoticeBar::NoticeBar(Kind kind, QWidget* parent) : QFrame(parent) {
  setFrameShape(QFrame::StyledPanel);
  setAutoFillBackground(true);
  // A tint of the palette's highlight (information) or a warm one (warning), mixed with the
  // window colour so the text keeps its contrast in light and dark themes.
  QPalette pal = palette();
  const QColor base = pal.color(QPalette::Window);
  const QColor tint = kind == Kind::Warning ? QColor(0xe0, 0x9a, 0x1a) : pal.color(QPalette::Highlight);
  auto mix = [](const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
  };
  pal.setColor(QPalette::Window, mix(base, tint, 0.18));
  setPalette(pal);
  setAccessibleName(kind == Kind::Warning ? tr("Warning") : tr("Notice"));

  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(8, 6, 8, 6);
  auto* icon = new QLabel(this);
  const int side = fontMetrics().height() * 3 / 2;
  icon->setPixmap(
      style()
          ->standardIcon(kind == Kind::Warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation)
          .pixmap(side, side));
  icon->setAlignment(Qt::AlignTop);
  row->addWidget(icon);
  m_label = new QLabel(this);
  m_label->setObjectName(QStringLiteral("noticeText"));
  m_label->setWordWrap(true);
  m_label->setTextFormat(Qt::RichText);
  m_label->setOpenExternalLinks(true);
  m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
  row->addWidget(m_label, 1);
  m_buttons = new QHBoxLayout();
  m_buttons->setSpacing(6);
  row->addLayout(m_buttons);
}

void NoticeBar::setText(const QString& html) { m_label->setText(html); }

QString NoticeBar::text() const { return m_label->text(); }

QPushButton* NoticeBar::addButton(const QString& text, const QString& objectName, std::function<void()> onClick) {
  auto* button = new QPushButton(text, this);
  button->setObjectName(objectName);
  m_buttons->addWidget(button, 0, Qt::AlignVCenter);
  connect(button, &QPushButton::clicked, this, [this, onClick = std::move(onClick)] {
    m_keepOpen = false;
    if (onClick) onClick();
    if (m_keepOpen) return;
    hide();
    Q_EMIT dismissed();
    deleteLater();
  });
  return button;
}

}  // namespace ds::ui
