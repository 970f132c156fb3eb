<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/body.xsl: mode "text" for the running text: p, hi, lb, pb, ref, list, quote, table,
  nested divs, gap, and the fallback for elements nobody expected.

  The tunnel parameter $phrasing is true inside phrasing content (a <p>, a heading): block
  constructs met there become <span>s with the same class, so the HTML stays valid.
  Decision for unknown elements in this mode: never fail and never drop text; render the
  content inside <span class="tei tei-NAME"> (a <div> at block level). Comments and
  processing instructions are skipped on purpose.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="text" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Text is copied as text (the serializer escapes it), brackets closed up (enc:tidy-text). -->
  <xsl:template match="text()" mode="text" as="text()?">
    <xsl:value-of select="enc:tidy-text(.)"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="text" as="empty-sequence()"/>

  <!-- Unknown elements: keep the content, mark the element name in the class. -->
  <xsl:template match="*" mode="text" priority="-10" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'div')}">
      <xsl:attribute name="class" select="'tei tei-' || local-name()"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph; one holding lists, quotes or tables becomes a div so they stay blocks. -->
  <xsl:template match="tei:p" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="holds-blocks" as="xs:boolean" select="not($phrasing) and exists(
        tei:list | tei:table | tei:quote[enc:is-block-quote(.)] | tei:lg | tei:p | tei:figure)"/>
    <xsl:element name="{if ($holds-blocks) then 'div' else enc:tag($phrasing, 'p')}">
      <xsl:attribute name="class" select="enc:classes('p', .)"/>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="not($holds-blocks)"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- True for a quote that is a block of its own. -->
  <xsl:function name="enc:is-block-quote" as="xs:boolean">
    <xsl:param name="quote" as="element(tei:quote)"/>
    <xsl:sequence select="tokenize(string($quote/@rend)) = 'blockquote'
        or exists($quote/(tei:p | tei:lg | tei:list | tei:table))"/>
  </xsl:function>

  <xsl:template match="tei:quote" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="enc:is-block-quote(.)">
        <xsl:element name="{enc:tag($phrasing, 'blockquote')}">
          <xsl:attribute name="class" select="enc:classes('quote', .)"/>
          <xsl:apply-templates mode="text">
            <xsl:with-param name="phrasing" tunnel="yes" select="$phrasing or empty(tei:p | tei:lg | tei:list | tei:table)"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <span class="{enc:classes('quote-inline', .)}">
          <xsl:apply-templates mode="text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:hi" mode="text" as="element(span)">
    <span class="{enc:classes('hi', .)}">
      <xsl:apply-templates mode="text"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:lb" mode="text" as="element(br)">
    <br/>
  </xsl:template>

  <!--
    A page break: a visible "[Page N]" marker that is its own anchor. Inside running text a
    thin bar marks the exact place of the break for when the label sits in the margin.
  -->
  <xsl:template match="tei:pb" mode="text" as="element(span)">
    <xsl:variable name="id" as="xs:string" select="enc:anchor-id(.)"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <span class="pb" id="{$id}">
      <span class="pb-bar" aria-hidden="true">|</span>
      <a class="pb-link" href="#{$id}">{if ($n) then '[Page ' || $n || ']' else '[Page break]'}</a>
    </span>
  </xsl:template>

  <!-- Column and line breaks and milestones carry nothing a reader needs. -->
  <xsl:template match="tei:cb | tei:milestone | tei:anchor" mode="text" as="element(span)?">
    <xsl:if test="@xml:id">
      <span id="{enc:anchor-id(.)}"/>
    </xsl:if>
  </xsl:template>

  <!--
    Where a footnote was printed but its text did not survive (anchor type="note-marker"),
    the mark is shown as printed, unlinked, and says so, so the reader knows a note existed.
  -->
  <xsl:template match="tei:anchor[@type = 'note-marker']" mode="text" priority="1" as="element(sup)">
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <sup class="note-ref note-lost" title="The text of this note is not available">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="enc:anchor-id(.)"/>
      </xsl:if>
      <xsl:value-of select="if ($n) then $n else '*'"/>
    </sup>
  </xsl:template>

  <!--
    A cross reference: a link only when enc:safe-href allows one, or when the edition maps
    its target to another page (page-json "xrefs": "Document 145" → d145.html).
  -->
  <xsl:template match="tei:ref | tei:ptr" mode="text" as="element()">
    <xsl:variable name="t" as="xs:string" select="normalize-space(@target)"/>
    <xsl:variable name="href" as="xs:string?" select="(
        enc:site-href(if (map:contains($enc:page, 'xrefs')) then $enc:page?xrefs($t) else ()),
        enc:safe-href(@target, .))[1]"/>
    <xsl:choose>
      <xsl:when test="$href">
        <a class="ref" href="{$href}">
          <xsl:apply-templates mode="text"/>
          <xsl:if test="self::tei:ptr">{$t}</xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref">
          <xsl:apply-templates mode="text"/>
          <xsl:if test="self::tei:ptr">{$t}</xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    A person the edition's index knows (page-json "persons", by @corresp or by name): a
    link to the index entry, with the description as a tooltip shown on hover and focus.
    Not inside another link, and not around a footnote marker (no link in a link).
  -->
  <xsl:template match="tei:persName[map:contains($enc:page, 'persons')]
      [not(ancestor::tei:ref or ancestor::tei:ptr or .//tei:note or .//tei:ref or .//tei:ptr)]"
      mode="text" priority="1" as="element()">
    <xsl:variable name="key" as="xs:string" select="(normalize-space(@corresp)[.], normalize-space(@ref)[.],
        'name:' || lower-case(normalize-space(string(.))))[1]"/>
    <xsl:variable name="person" as="map(*)?" select="$enc:page?persons($key)"/>
    <xsl:choose>
      <xsl:when test="exists($person) and enc:is-safe-id(string($person?id))">
        <xsl:call-template name="enc:tip-link">
          <xsl:with-param name="class" select="enc:classes('persName', .) || ' person'"/>
          <xsl:with-param name="href" select="'persons.html#' || $person?id"/>
          <xsl:with-param name="tip" select="string($person?desc)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A term of the edition's list: a link to it, with the definition as a tooltip. -->
  <xsl:template match="(tei:gloss | tei:term)[map:contains($enc:page, 'terms')]
      [not(ancestor::tei:ref or ancestor::tei:ptr or .//tei:note or .//tei:ref or .//tei:ptr)]"
      mode="text" priority="1" as="element()">
    <xsl:variable name="target" as="xs:string" select="normalize-space(@target)"/>
    <xsl:variable name="tip" as="xs:string?" select="$enc:page?terms($target)"/>
    <xsl:choose>
      <xsl:when test="exists($tip) and enc:is-safe-id(substring($target, 2))">
        <xsl:call-template name="enc:tip-link">
          <xsl:with-param name="class" select="enc:classes(local-name(), .) || ' term-link'"/>
          <xsl:with-param name="href" select="'terms.html' || $target"/>
          <xsl:with-param name="tip" select="$tip"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A link with a tooltip: the tip is described by aria-describedby and shown by CSS. -->
  <xsl:template name="enc:tip-link" as="element(span)">
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="tip" as="xs:string"/>
    <xsl:variable name="id" as="xs:string" select="'tip-' || enc:stable-id(.)"/>
    <span class="tip-wrap">
      <a class="{$class}" href="{$href}">
        <xsl:if test="normalize-space($tip)"><xsl:attribute name="aria-describedby" select="$id"/></xsl:if>
        <xsl:apply-templates mode="text"/>
      </a>
      <xsl:if test="normalize-space($tip)">
        <span class="tip" role="tooltip" id="{$id}" data-pagefind-ignore="">{normalize-space($tip)}</span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- Withheld or lost text the TEI marks with gap. -->
  <xsl:template match="tei:gap" mode="text" as="element(span)">
    <span class="gap">[…]</span>
  </xsl:template>

  <!-- Images are never fetched: the edition has no external resources. -->
  <xsl:template match="tei:graphic" mode="text" as="element(span)">
    <span class="graphic">[image]</span>
  </xsl:template>

  <!-- A list: its heads, then the items, each with the label printed before it. -->
  <xsl:template match="tei:list" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'div')}">
      <xsl:attribute name="class" select="enc:classes('list', .)"/>
      <xsl:apply-templates select="tei:head" mode="text"/>
      <xsl:element name="{enc:tag($phrasing, 'ul')}">
        <xsl:attribute name="class" select="'items'"/>
        <xsl:for-each select="node() except (tei:head | text()[not(normalize-space())])">
          <xsl:choose>
            <xsl:when test="self::tei:label[following-sibling::*[1][self::tei:item]]"/>
            <xsl:when test="self::tei:item">
              <xsl:element name="{enc:tag($phrasing, 'li')}">
                <xsl:attribute name="class" select="string-join((enc:classes('item', .),
                    'labelled'[current()/preceding-sibling::*[1][self::tei:label]]), ' ')"/>
                <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
                  <span class="label">
                    <xsl:apply-templates mode="text">
                      <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
                    </xsl:apply-templates>
                    <xsl:text> </xsl:text>
                  </span>
                </xsl:for-each>
                <xsl:apply-templates mode="text">
                  <xsl:with-param name="phrasing" tunnel="yes" select="$phrasing"/>
                </xsl:apply-templates>
              </xsl:element>
            </xsl:when>
            <xsl:otherwise>
              <xsl:element name="{enc:tag($phrasing, 'li')}">
                <xsl:attribute name="class" select="'item-other'"/>
                <xsl:apply-templates select="." mode="text">
                  <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
                </xsl:apply-templates>
              </xsl:element>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <!-- A label not followed by its item (rendered where it stands). -->
  <xsl:template match="tei:label" mode="text" as="element(span)">
    <span class="label">
      <xsl:apply-templates mode="text"/>
    </span>
  </xsl:template>

  <!-- An item outside a list (invalid TEI, kept readable). -->
  <xsl:template match="tei:item" mode="text" as="element(span)">
    <span class="item">
      <xsl:apply-templates mode="text"/>
    </span>
  </xsl:template>

  <!-- A table; a cell with role="label" is a header cell; @cols/@rows become spans. -->
  <xsl:template match="tei:table" mode="text" as="element()+">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$phrasing">
        <span class="{enc:classes('table', .)}">
          <xsl:apply-templates mode="text"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="width" as="xs:integer" select="max((tei:row ! count(tei:cell), 1))"/>
        <xsl:variable name="head-id" as="xs:string" select="enc:anchor-id(.) || '-head'"/>
        <!-- The head stays outside the scrolling box, so a phone shows it whole. -->
        <xsl:for-each select="tei:head[1]">
          <p class="table-head" id="{$head-id}">
            <xsl:apply-templates select="../tei:head" mode="table-head"/>
          </p>
        </xsl:for-each>
        <div class="table-wrap">
          <table class="{enc:classes('table', .)}">
            <xsl:if test="tei:head">
              <xsl:attribute name="aria-labelledby" select="$head-id"/>
            </xsl:if>
            <tbody>
              <xsl:for-each select="node() except (tei:head | text()[not(normalize-space())])">
                <xsl:choose>
                  <xsl:when test="self::tei:row">
                    <xsl:apply-templates select="." mode="text"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <tr class="row-other">
                      <td colspan="{$width}">
                        <xsl:apply-templates select="." mode="text">
                          <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
                        </xsl:apply-templates>
                      </td>
                    </tr>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A table's heads, as one line of phrasing content above the table. -->
  <xsl:mode name="table-head" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:template match="tei:head" mode="table-head" as="node()*">
    <xsl:if test="preceding-sibling::tei:head">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:apply-templates mode="text">
      <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="tei:row" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'tr')}">
      <xsl:attribute name="class" select="enc:classes('row', .)"/>
      <xsl:apply-templates select="tei:cell" mode="text"/>
      <xsl:if test="* except tei:cell">
        <xsl:element name="{enc:tag($phrasing, 'td')}">
          <xsl:attribute name="class" select="'cell-other'"/>
          <xsl:apply-templates select="* except tei:cell" mode="text">
            <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:cell" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, if (@role = 'label' or ../@role = 'label') then 'th' else 'td')}">
      <xsl:attribute name="class" select="enc:classes('cell', .)"/>
      <xsl:if test="not($phrasing) and @cols castable as xs:positiveInteger and xs:integer(@cols) gt 1">
        <xsl:attribute name="colspan" select="min((xs:integer(@cols), 100))"/>
      </xsl:if>
      <xsl:if test="not($phrasing) and @rows castable as xs:positiveInteger and xs:integer(@rows) gt 1">
        <xsl:attribute name="rowspan" select="min((xs:integer(@rows), 100))"/>
      </xsl:if>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="$phrasing"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Verse: lines as lines. -->
  <xsl:template match="tei:lg" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'div')}">
      <xsl:attribute name="class" select="enc:classes('lg', .)"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:l" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'p')}">
      <xsl:attribute name="class" select="enc:classes('l', .)"/>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A division inside a document (not itself a document) becomes a section. -->
  <xsl:template match="tei:div" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, 'section')}">
      <xsl:attribute name="class" select="enc:classes('div', .)"/>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="enc:anchor-id(.)"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- Heads other than a document's own (see opener.xsl) and an attachment's. -->
  <xsl:template match="tei:head" mode="text" as="element()">
    <xsl:param name="phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{enc:tag($phrasing, if (parent::tei:div) then 'h2' else 'p')}">
      <xsl:attribute name="class" select="enc:classes('head', .)"/>
      <xsl:apply-templates mode="text">
        <xsl:with-param name="phrasing" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Inline elements that need only a class (names, terms, glosses, foreign words …). -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:gloss
      | tei:term | tei:rs | tei:foreign | tei:emph | tei:title | tei:abbr | tei:expan
      | tei:num | tei:measure | tei:time | tei:unclear | tei:sic | tei:corr | tei:orig
      | tei:reg | tei:add | tei:mentioned | tei:soCalled | tei:distinct | tei:q | tei:said"
      mode="text" as="element(span)">
    <span class="{enc:classes(local-name(), .)}">
      <xsl:apply-templates mode="text"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:del" mode="text" as="element(del)">
    <del class="{enc:classes('del', .)}">
      <xsl:apply-templates mode="text"/>
    </del>
  </xsl:template>

  <!-- choice: show what the document printed (sic, orig, abbr), the rest as a title. -->
  <xsl:template match="tei:choice" mode="text" as="element(span)">
    <xsl:variable name="shown" as="element()?" select="(tei:sic, tei:orig, tei:abbr, *)[1]"/>
    <span class="choice" title="{string-join((* except $shown) ! enc:plain(.), ' / ')}">
      <xsl:apply-templates select="$shown" mode="text"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
