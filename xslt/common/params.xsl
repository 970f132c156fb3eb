<?xml version="1.0" encoding="UTF-8"?>
<!--
  common/params.xsl: the only global parameters of the stylesheets (a deliberately short
  list; no hook templates). encoder/render.py sets them by name.

  Links handed in here are checked with enc:safe-page-href before they become an href.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- Title of the edition (index page, title page, page titles); '' gives "telegram-tei edition". -->
  <xsl:param name="edition-title" as="xs:string" select="''"/>

  <!-- File name of the index page, linked from every document page. -->
  <xsl:param name="index-href" as="xs:string" select="'index.html'"/>

  <!-- File names of the previous and next document pages in edition order; '' for none. -->
  <xsl:param name="prev-href" as="xs:string" select="''"/>
  <xsl:param name="next-href" as="xs:string" select="''"/>

  <!--
    Everything else a document page of an edition needs, as one JSON object (encoder/
    outputs/html.py): trail (chapters), xrefs (edition pointer → page href), persons
    (corresp or "name:…" → index id and description), terms (#id → definition), tei and
    pdf links, cite (edition, editors, publisher, place, date, permalink, key), canonical,
    position and count. '' (the print edition, a bare render) gives an empty map.
  -->
  <!-- (declared in functions.xsl, which every entry stylesheet includes) -->

</xsl:stylesheet>
