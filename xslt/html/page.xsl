<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/page.xsl: the HTML5 page skeleton shared by document pages, the index and the print
  edition: lang, meta charset, viewport, title and the style sheet inlined in <style>.

  Pages load nothing from outside (no fonts, scripts or linked CSS), so the CSS file next to
  this module is read at transform time and copied into the page. The print edition
  overrides $enc:css to add its paged-media rules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The page's CSS, inlined into every page. -->
  <xsl:variable name="enc:css" as="xs:string"
      select="unparsed-text(resolve-uri('edition.css', static-base-uri()), 'UTF-8')"/>

  <!-- One complete HTML page around the given body content. -->
  <xsl:template name="enc:html-page" as="element(html)">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="lang" as="xs:string" required="yes"/>
    <xsl:param name="body-class" as="xs:string" required="yes"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <xsl:param name="description" as="xs:string" select="''"/>
    <xsl:param name="canonical" as="xs:string" select="''"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="telegram-tei"/>
        <title>{$title}</title>
        <xsl:if test="normalize-space($description)">
          <meta name="description" content="{normalize-space($description)}"/>
        </xsl:if>
        <xsl:if test="matches($canonical, '^https?://', 'i')">
          <link rel="canonical" href="{$canonical}"/>
        </xsl:if>
        <style>{$enc:css}</style>
      </head>
      <body class="{$body-class}">
        <xsl:sequence select="$content"/>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
