<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/tei-to-print.xsl: the print edition, one HTML page for all documents that
  WeasyPrint lays out as a PDF. Input is the edition wrapper built by encoder/render.py
  (enc:document children carry a key that keeps ids unique across documents).

  It imports the HTML edition and overrides only what paged output changes:
    - the entry template: title page, contents with page numbers, then the documents;
    - the CSS: edition.css followed by print.css (paged media);
    - a document is an article that sets the running head (data-running), its heading an h2;
    - a footnote is a span floated to the foot of its page (float: footnote) instead of a
      marker linking to a notes section, so modes "notes" and "summary" output nothing.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../html/tei-to-html.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <!-- The screen style, then the paged-media rules that override it. -->
  <xsl:variable name="enc:css" as="xs:string" select="
      unparsed-text(resolve-uri('../html/edition.css', static-base-uri()), 'UTF-8')
      || '&#10;' || unparsed-text(resolve-uri('print.css', static-base-uri()), 'UTF-8')"/>

  <!-- The whole edition. -->
  <xsl:template match="document-node(element(enc:edition))" as="element(html)">
    <xsl:variable name="teis" as="element(tei:TEI)*" select="enc:edition/enc:document/tei:TEI"/>
    <xsl:variable name="docs" as="element()*" select="$teis ! enc:documents(.)"/>
    <xsl:variable name="title" as="xs:string" select="enc:edition-title($edition-title)"/>
    <xsl:call-template name="enc:html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="lang" select="(enc:lang($teis[1]), 'en')[1]"/>
      <xsl:with-param name="body-class" select="'print-edition'"/>
      <xsl:with-param name="content" as="node()*">
        <section class="title-page">
          <h1>{$title}</h1>
          <p class="subtitle">{count($docs)} {if (count($docs) eq 1) then 'document' else 'documents'}</p>
          <xsl:variable name="numbers" as="xs:string*" select="$docs ! enc:doc-number(.)"/>
          <xsl:if test="exists($numbers) and (every $n in $numbers satisfies $n castable as xs:integer)">
            <xsl:variable name="low" as="xs:integer" select="min($numbers ! xs:integer(.))"/>
            <xsl:variable name="high" as="xs:integer" select="max($numbers ! xs:integer(.))"/>
            <p class="subtitle">{if ($low eq $high) then 'No. ' || $low else 'Nos. ' || $low || '–' || $high}</p>
          </xsl:if>
          <p class="colophon">Encoded in TEI P5 and typeset by telegram-tei.</p>
        </section>
        <nav class="contents" aria-label="Contents">
          <h2>Contents</h2>
          <ol class="{if (some $d in $docs satisfies enc:doc-number($d)) then 'toc-with-numbers' else 'toc'}">
            <xsl:apply-templates select="$docs" mode="contents"/>
          </ol>
        </nav>
        <main>
          <xsl:apply-templates select="$docs" mode="document"/>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:mode name="contents" on-no-match="fail" on-multiple-match="fail"/>

  <!--
    One contents line; print.css adds the leader (after the link) and the page number (after
    the item, from data-target, so it can sit right-aligned in its own column). A document without a
    number shows its source line (when it has one), so that entries with the same heading
    can be told apart.
  -->
  <xsl:template match="tei:div | tei:body" mode="contents" as="element(li)">
    <xsl:variable name="n" as="xs:string" select="enc:doc-number(.)"/>
    <xsl:variable name="source" as="xs:string" select="if ($n) then '' else enc:source-line(.)"/>
    <li data-target="#{enc:anchor-id(.)}">
      <a href="#{enc:anchor-id(.)}">
        <xsl:if test="$n">
          <span class="toc-n">No. {$n}. </span>
        </xsl:if>
        <span class="toc-title">{enc:doc-title(.)}</span>
        <xsl:if test="$source">
          <xsl:text> </xsl:text>
          <span class="toc-source">({$source})</span>
        </xsl:if>
      </a>
    </li>
  </xsl:template>

  <!--
    A document: the article carries the running head (print.css: string-set on .document,
    read with "first"), so every page shows the document at its top, whether the page
    begins with a heading, a source line above it, or the middle of a document.
  -->
  <xsl:template match="tei:div | tei:body" mode="document" as="element(article)">
    <xsl:variable name="article" as="element(article)">
      <xsl:next-match/>
    </xsl:variable>
    <article data-running="{enc:short-title(.)}">
      <xsl:sequence select="$article/@*, $article/node()"/>
    </article>
  </xsl:template>

  <!-- A document heading: an h2 (the edition's title is the page's only h1). -->
  <xsl:template match="tei:div[@type = 'document']/tei:head[1] | tei:body/tei:head[1]" mode="text" as="element(h2)">
    <h2 class="{enc:classes('doc-head', .)}">
      <xsl:call-template name="enc:head-content"/>
    </h2>
  </xsl:template>

  <xsl:template name="enc:missing-head" as="element(h2)">
    <h2 class="doc-head">{enc:display-title(.)}</h2>
  </xsl:template>

  <!-- A footnote at the foot of the page that holds its marker. -->
  <xsl:template match="tei:note[enc:is-footnote(.)]" mode="text" as="element(span)">
    <span class="footnote" id="{enc:anchor-id(.)}" data-n="{enc:note-label(.)}">
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- A note inside a footnote cannot float again: it stays in the note, in parentheses. -->
  <xsl:template match="tei:note[enc:is-footnote(.)][ancestor::tei:note]" mode="text" priority="1" as="element(span)">
    <span class="note-inline">({enc:note-label(.)}: <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>)</span>
  </xsl:template>

  <!--
    White space is collapsed here, not left to CSS: WeasyPrint 70 keeps newlines and runs
    of spaces inside footnote bodies (lines break at the TEI's line ends). A leading or
    trailing space survives as one space. No regex (TOOLCHAIN.md §2).
  -->
  <xsl:template match="text()" mode="text" as="text()?">
    <xsl:variable name="text" as="xs:string" select="enc:tidy-text(.)"/>
    <xsl:variable name="core" as="xs:string" select="normalize-space($text)"/>
    <xsl:variable name="lead" as="xs:boolean" select="enc:is-space(substring($text, 1, 1))"/>
    <xsl:variable name="tail" as="xs:boolean" select="enc:is-space(substring($text, string-length($text)))"/>
    <xsl:value-of select="if ($core eq '') then (if ($text eq '') then '' else ' ')
        else (if ($lead) then ' ' else '') || $core || (if ($tail) then ' ' else '')"/>
  </xsl:template>

  <!-- True for a single XML white-space character. -->
  <xsl:function name="enc:is-space" as="xs:boolean">
    <xsl:param name="char" as="xs:string"/>
    <xsl:sequence select="$char ne '' and translate($char, '&#9;&#10;&#13; ', '') eq ''"/>
  </xsl:function>

  <!-- No notes section and no summary box on paper. -->
  <xsl:template match="tei:div | tei:body" mode="notes summary" as="empty-sequence()"/>

</xsl:stylesheet>
